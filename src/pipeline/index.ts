export { createCrawlProcessor } from './crawl-job.js';
export { startCrawlWorker } from './crawl-worker.js';
export { keepHeapNearLiveSize } from './heap-growth.js';
export { type RunningWorker, startPostingWorker, type WorkerSettings } from './posting-worker.js';
export { createPostingProcessor, type ProcessResult } from './process-posting.js';
export { runProcessWorker } from './run-process-worker.js';
export { deleteKeysUnder, openStack, type Stack } from './stack.js';
export {
  type FinishedCounts,
  newFinishedCounts,
  type Summaries,
  startSummaries,
} from './summary.js';
export { type CrawlOutcome, progressLine, type WaitProgress, waitForCrawls } from './wait.js';
export {
  type ProcessWorkerCounts,
  processWorkerEntry,
  startWorkerPool,
  type WorkerPool,
} from './worker-pool.js';
