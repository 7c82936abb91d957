import { loadConfig } from '../config.js';
import { describeError } from '../errors.js';
import { loadRules } from '../rules/index.js';
import { startPostingWorker } from './posting-worker.js';

/**
 * Body of a forked process worker: config from the environment (the parent passes the Redis it
 * resolved), rules loaded once, a postings worker until SIGTERM/SIGINT, then a clean exit.
 */
export async function runProcessWorker(env: NodeJS.ProcessEnv): Promise<number> {
  try {
    const config = loadConfig(env);
    if (config.redisUrl === undefined)
      throw new Error('REDIS_URL must be set for a process worker');
    const rules = loadRules(config.rulesDir);
    const worker = startPostingWorker(
      {
        redisUrl: config.redisUrl,
        prefix: config.prefix,
        concurrency: config.concurrency,
        lockDurationMs: config.lockDurationMs,
        postingsRetentionDays: config.postingsRetentionDays,
      },
      rules,
    );
    process.send?.('ready');
    await new Promise<void>((resolve) => {
      process.once('SIGTERM', resolve);
      process.once('SIGINT', resolve);
      process.once('disconnect', resolve);
    });
    await worker.close();
    return 0;
  } catch (error) {
    process.stderr.write(`jobsift: process worker: ${describeError(error)}\n`);
    return 1;
  }
}
