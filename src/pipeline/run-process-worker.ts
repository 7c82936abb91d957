import { loadConfig } from '../config.js';
import { describeError } from '../errors.js';
import { createLogger } from '../log/index.js';
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
    const log = createLogger({
      format: config.logFormat,
      level: config.logLevel,
      stream: process.stderr,
    });
    // The parent sums what its workers finished for its summary lines.
    let counts = { completed: 0, failed: 0 };
    const sendCounts = () => {
      if (counts.completed + counts.failed === 0) return;
      process.send?.({ counts });
      counts = { completed: 0, failed: 0 };
    };
    const timer = setInterval(sendCounts, 1_000);
    const worker = startPostingWorker(
      {
        redisUrl: config.redisUrl,
        prefix: config.prefix,
        concurrency: config.concurrency,
        lockDurationMs: config.lockDurationMs,
        postingsRetentionDays: config.postingsRetentionDays,
        log,
        onFinished: (outcome) => {
          counts[outcome] += 1;
        },
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
    clearInterval(timer);
    if (process.connected) sendCounts();
    return 0;
  } catch (error) {
    process.stderr.write(`jobsift: process worker: ${describeError(error)}\n`);
    return 1;
  }
}
