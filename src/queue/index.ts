export {
  connectRedis,
  createRedis,
  reconnectDelay,
  redactUrl,
  reportOutages,
} from './connection.js';
export {
  answersPing,
  findRedisServer,
  type RedisHandle,
  type ResolveRedisOptions,
  resolveRedis,
  startRedisServer,
} from './local-redis.js';
export {
  CRAWL_JOB_OPTIONS,
  CRAWL_QUEUE,
  type CrawlJobData,
  crawlJobSchema,
  crawlSchedulerId,
  enqueueCrawls,
  enqueuePostings,
  openQueues,
  POSTING_JOB_OPTIONS,
  POSTINGS_QUEUE,
  type PostingJobData,
  parseJobData,
  postingJobId,
  postingJobSchema,
  type Queues,
  syncSchedulers,
} from './queues.js';
