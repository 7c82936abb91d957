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
export { inMemoryPageMemory, type PageMemory } from './page-memory.js';
export { backoffDelay, parseRetryAfter } from './retry-after.js';
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
