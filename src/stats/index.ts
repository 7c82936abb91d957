export type {
  LevelCounts,
  RoleStats,
  SkillNames,
  SkillStat,
} from './aggregate.js';
export { statsCache } from './cached.js';
export {
  type Contribution,
  type CountedLevel,
  contributionOf,
  decodeSkills,
  encodeSkills,
} from './contribution.js';
export type { CooccurringRole, CooccurringSkill } from './cooccurrence.js';
export { statsBase, statsKeys } from './keys.js';
export {
  bucketDay,
  calendarMonth,
  dayOfDatePosted,
  GRANULARITIES,
  type Granularity,
  isoWeek,
  type Period,
  parseDay,
  periodOf,
  periodsBetween,
  utcDay,
} from './periods.js';
export {
  CSV_COLUMNS,
  csvRow,
  EXPORT_FORMATS,
  type ExportFormat,
  exportLines,
} from './postings-export.js';
export {
  decodeCursor,
  encodeCursor,
  getPosting,
  listPostings,
  type PostingFilters,
  type PostingView,
  type ScannedPosting,
  scanPostings,
} from './postings-store.js';
export {
  type PeriodStats,
  type QueryOptions,
  queryStats,
  type SkillReport,
  type SkillSeriesPoint,
  type StatsReport,
} from './query.js';
export { DEFAULT_TOP, MAX_TOP, parseStatsQuery, type StatsQuery } from './query-input.js';
export {
  postingKeysOfSource,
  type RecordInput,
  type RecordOutcome,
  readPostingRecord,
  recordFailure,
  recordPosting,
  removePosting,
  type StatsTotals,
  statsTotals,
} from './record.js';
export {
  quantile,
  type SalaryGroup,
  type SalaryQuery,
  type SalaryReport,
  salaryStats,
} from './salary-stats.js';
export {
  type SourceStats,
  type SourcesReport,
  sourceStats,
  sourcesReport,
} from './source-stats.js';
export type { StoredPosting } from './stored.js';
export {
  decodeSalary,
  normalizeCompany,
  type PostingSummary,
  parseSummary,
  postingSummarySchema,
} from './summary.js';
export {
  countCrawl,
  countProcessing,
  PROCESSING_BUCKETS,
  type ProcessingOutcome,
  readWorkerMetrics,
  type WorkerMetrics,
} from './worker-metrics.js';
