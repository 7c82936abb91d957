export * from './adapters/index.js';
export {
  type CrawlFailure,
  type CrawlOptions,
  type CrawlReport,
  crawlSource,
  quietCrawleeLogs,
  ROBOTS_AGENT,
  USER_AGENT,
} from './crawl-source.js';
export {
  isNearDuplicate,
  MIN_SIMILARITY,
  MIN_SIMILARITY_OTHER_COMPANY,
  MIN_SIMILARITY_OTHER_TITLE,
  type NearDuplicateSignature,
  nearDuplicateSignature,
  similarity,
} from './near-duplicate.js';
export {
  createNearDuplicateIndex,
  inMemoryNearDuplicateStore,
  type NearDuplicateEntry,
  type NearDuplicateIndex,
  type NearDuplicateRegistration,
  type NearDuplicateStore,
  type NearDuplicateVerdict,
} from './near-duplicate-index.js';
export { compareTitles, type TitleRelation, titleWords } from './near-duplicate-title.js';
export { inMemoryPageMemory, type PageMemory } from './page-memory.js';
export { backoffDelay, parseRetryAfter } from './retry-after.js';
export {
  type CrawlRequest,
  defineAdapter,
  type FetchedPage,
  type PageContext,
  type PageOutcome,
  type SourceAdapter,
  type SourceOptions,
} from './source-adapter.js';
export { boardName, commonOptions, originOption, urlOption } from './source-options.js';
export {
  DEFAULT_ORIGINS,
  loadSources,
  parseSources,
  SOURCE_TYPES,
  type SourceConfig,
  type SourceInput,
  type SourceType,
  sourceOrigin,
  sourceSchema,
} from './sources.js';
export {
  createUnreachableWatch,
  describeRequestError,
  type UnreachableEvent,
  unreachableCause,
} from './unreachable.js';
