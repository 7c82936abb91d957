import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { OTHER_ROLE_ID } from '../classify/index.js';
import type { Config } from '../config.js';
import { loadSources, type SourceConfig } from '../crawl/index.js';
import { InputError } from '../errors.js';
import { createLogger, type Logger, silentLogger } from '../log/index.js';
import {
  type CrawlOutcome,
  type FinishedCounts,
  keepHeapNearLiveSize,
  newFinishedCounts,
  openStack,
  progressLine,
  type RunningWorker,
  type Stack,
  startCrawlWorker,
  startSummaries,
  startWorkerPool,
  type WorkerPool,
  waitForCrawls,
} from '../pipeline/index.js';
import {
  enqueueCrawls,
  type OutageEvent,
  outageMessage,
  redactUrl,
  syncSchedulers,
} from '../queue/index.js';
import { type CompiledRules, DEFAULT_RULES_DIR, loadRules } from '../rules/index.js';
import { queryStats, type StatsQuery, sourcesReport, statsTotals } from '../stats/index.js';
import type { CommandIo } from './classify-command.js';

function printJson(io: CommandIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** `jobsift schedule`: one job scheduler per source, none for sources that are gone. */
export async function runSchedule(config: Config, io: CommandIo): Promise<number> {
  const sources = loadSources(config.sourcesFile);
  const stack = await openStack(config);
  try {
    printJson(io, await syncSchedulers(stack.queues.crawl, sources));
    return 0;
  } finally {
    await stack.close();
  }
}

/** The sources named by `--source` (all when none), or an InputError listing the known ids. */
export function selectSources(
  all: readonly SourceConfig[],
  ids: readonly string[] | undefined,
): SourceConfig[] {
  if (ids === undefined || ids.length === 0) return [...all];
  const known = new Map(all.map((source) => [source.id, source]));
  return ids.map((id) => {
    const source = known.get(id);
    if (source === undefined) {
      const list = [...known.keys()].join(', ') || '(none)';
      throw new InputError('unknown_source', `--source ${id}: no such source; known: ${list}`);
    }
    return source;
  });
}

/** Polls until the crawls and their postings are done, drawing a progress line on a TTY. */
export async function waitWithProgress(
  stack: Stack,
  jobIds: string[],
  io: CommandIo,
): Promise<CrawlOutcome[]> {
  const tty = (io.stderr as NodeJS.WriteStream).isTTY === true;
  const outcomes = await waitForCrawls(stack.queues, jobIds, (progress) => {
    if (!tty) return;
    void statsTotals(stack.redis, stack.prefix).then((totals) => {
      const processed = totals.postings + totals.duplicates + totals.failed;
      io.stderr.write(`\r${progressLine(progress, processed)}`);
    });
  });
  if (tty) io.stderr.write('\n');
  return outcomes;
}

/** Which kind of worker `crawl --wait` needs and no process runs, if any. */
async function missingWorkers(stack: Stack): Promise<'crawl' | 'posting' | undefined> {
  if ((await stack.queues.crawl.getWorkersCount()) === 0) return 'crawl';
  if ((await stack.queues.postings.getWorkersCount()) === 0) return 'posting';
  return undefined;
}

/** An unknown `--role` or `--skill` is bad input, with where the ids are listed. */
export function requireKnownIds(query: StatsQuery, rules: CompiledRules, rulesDir: string): void {
  const where = relative(process.cwd(), rulesDir) || '.';
  const roles = [...rules.roles.map((role) => role.id), OTHER_ROLE_ID];
  if (query.role !== undefined && !roles.includes(query.role)) {
    throw new InputError(
      'unknown_role',
      `--role ${query.role}: no such role; role ids are the \`id\`s in ${join(where, 'roles.yaml')} (${roles.slice(0, 5).join(', ')}, …)`,
    );
  }
  if (query.skill !== undefined && !rules.skills.has(query.skill)) {
    throw new InputError(
      'unknown_skill',
      `--skill ${query.skill}: no such skill; skill ids are the \`id\`s in ${join(where, 'skills', '*.yaml')} (${[...rules.skills.keys()].slice(0, 5).join(', ')}, …)`,
    );
  }
}

/** `jobsift crawl`: queue crawls now; with --wait, wait for them and their postings. */
export async function runCrawl(
  config: Config,
  options: { source?: string[]; wait?: boolean; full?: boolean },
  io: CommandIo,
): Promise<number> {
  const sources = selectSources(loadSources(config.sourcesFile), options.source);
  const stack = await openStack(config, config.prefix, (event) =>
    io.stderr.write(`jobsift: ${outageMessage(event)}\n`),
  );
  try {
    if (options.wait) {
      const missing = await missingWorkers(stack);
      if (missing !== undefined) {
        io.stderr.write(
          `jobsift: --wait: no ${missing} worker is connected to Redis at ${redactUrl(stack.handle.url)} (prefix "${stack.prefix}"), so the crawls would never finish; start \`jobsift worker\` (or \`jobsift up\`) with the same REDIS_URL and JOBSIFT_PREFIX, or try \`jobsift demo\`\n`,
        );
        return 1;
      }
    }
    const jobIds = await enqueueCrawls(stack.queues.crawl, sources, 'cli', {
      full: options.full === true,
    });
    if (!options.wait) {
      printJson(io, {
        queued: sources.map((source, i) => ({ source: source.id, jobId: jobIds[i] })),
      });
      return 0;
    }
    const crawls = await waitWithProgress(stack, jobIds, io);
    printJson(io, { crawls, totals: await statsTotals(stack.redis, stack.prefix) });
    return crawls.every((crawl) => crawl.state === 'completed') ? 0 : 1;
  } finally {
    await stack.close();
  }
}

export interface RunningWorkers {
  pool: WorkerPool;
  crawl: RunningWorker;
  /** Jobs the workers finished since they started. */
  counts: FinishedCounts;
  close(): Promise<void>;
}

/**
 * Process workers (one per core unless told otherwise) and a crawl worker, on `stack`'s Redis.
 * The workers log with `config`'s format and level; `log` gets this process's own lines.
 */
export async function startWorkers(
  config: Config,
  stack: Stack,
  log: Logger,
  crawlOptions: Parameters<typeof startCrawlWorker>[1] = {},
): Promise<RunningWorkers> {
  const processes = config.workerProcesses ?? availableParallelism();
  // This process runs the crawls: whole boards pass through its heap.
  keepHeapNearLiveSize();
  const counts = newFinishedCounts();
  const pool = startWorkerPool({
    processes,
    env: {
      ...process.env,
      REDIS_URL: stack.handle.url,
      JOBSIFT_PREFIX: stack.prefix,
      JOBSIFT_CONCURRENCY: String(config.concurrency),
      JOBSIFT_LOCK_MS: String(config.lockDurationMs),
      JOBSIFT_LOG_FORMAT: config.logFormat,
      JOBSIFT_LOG_LEVEL: log.level,
      ...(config.rulesDir === undefined ? {} : { JOBSIFT_RULES_DIR: config.rulesDir }),
    },
    onExit: (pid, code, signal) => {
      log.warn(
        { event: 'worker.exited', pid, code, signal },
        `process worker ${pid} exited (${signal ?? `code ${code}`}); restarting it`,
      );
    },
    onCounts: (finished) => {
      counts.postings.completed += finished.completed;
      counts.postings.failed += finished.failed;
    },
  });
  const crawl = startCrawlWorker(
    {
      redisUrl: stack.handle.url,
      prefix: stack.prefix,
      concurrency: config.concurrency,
      lockDurationMs: config.lockDurationMs,
      log,
      onFinished: (outcome) => {
        counts.crawls[outcome] += 1;
      },
    },
    {
      crawleeLogs: config.debug.includes('crawlee'),
      onUnreachable: (event) => log.warn({ event: 'board.unreachable', ...event }, event.message),
      ...crawlOptions,
    },
  );
  await pool.ready;
  return {
    pool,
    crawl,
    counts,
    close: async () => {
      await crawl.close();
      await pool.close();
    },
  };
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
}

/** The logger of `up` and `worker`: the configured format and level, on stderr. */
export function commandLogger(config: Config, io: CommandIo): Logger {
  if (config.logLevel === 'silent') return silentLogger;
  return createLogger({ format: config.logFormat, level: config.logLevel, stream: io.stderr });
}

export function logOutage(log: Logger, event: OutageEvent): void {
  const fields = { event: `redis.${event.kind}`, ...event, url: redactUrl(event.url) };
  if (event.kind === 'lost') log.warn(fields, outageMessage(event));
  else log.info(fields, outageMessage(event));
}

/**
 * `jobsift worker` (and, with `schedule` and `serve`, `jobsift up`: the API and the dashboard
 * too): run until SIGTERM/SIGINT, then finish cleanly.
 */
export async function runWorker(
  config: Config,
  io: CommandIo,
  options: { schedule?: boolean; serve?: boolean } = {},
): Promise<number> {
  const sources = options.schedule ? loadSources(config.sourcesFile) : [];
  const log = commandLogger(config, io);
  const stack = await openStack(config, config.prefix, (event) => logOutage(log, event));
  try {
    if (options.schedule) {
      const changes = await syncSchedulers(stack.queues.crawl, sources);
      log.info(
        { event: 'schedules', upserted: changes.upserted, removed: changes.removed },
        `${changes.upserted.length} source schedule(s) set, ${changes.removed.length} removed`,
      );
    }
    const workers = await startWorkers(config, stack, log);
    log.info(
      {
        event: 'started',
        processes: workers.pool.children.length,
        concurrency: config.concurrency,
        redis: redactUrl(stack.handle.url),
        redisOrigin: stack.handle.origin,
        prefix: stack.prefix,
      },
      `${workers.pool.children.length} process worker(s) × ${config.concurrency} jobs and a crawl worker on ${redactUrl(stack.handle.url)} (${stack.handle.origin}), prefix "${stack.prefix}"; Ctrl-C stops`,
    );
    const serving = options.serve
      ? await (await import('./serve-command.js'))
          .serveApi(config, stack, log)
          .catch(async (error) => {
            await workers.close();
            throw error;
          })
      : undefined;
    const summaries = startSummaries({
      queues: stack.queues,
      counts: workers.counts,
      intervalMs: config.summarySecs * 1000,
      log,
    });
    const signal = await untilSignal();
    summaries.stop();
    log.info({ event: 'stopping', signal }, `${signal}: finishing running jobs`);
    await serving?.close();
    await workers.close();
    await summaries.tick();
    return 0;
  } finally {
    await stack.close();
  }
}

/** `jobsift stats --by-source`: what each source brings, as JSON (GET /v1/stats/sources). */
export async function runSourceStats(config: Config, io: CommandIo): Promise<number> {
  const stack = await openStack(config);
  try {
    printJson(io, await sourcesReport(stack.redis, stack.prefix));
    return 0;
  } finally {
    await stack.close();
  }
}

/** `jobsift stats`: aggregates as JSON. */
export async function runStats(config: Config, query: StatsQuery, io: CommandIo): Promise<number> {
  const rules = loadRules(config.rulesDir);
  requireKnownIds(query, rules, config.rulesDir ?? DEFAULT_RULES_DIR);
  const stack = await openStack(config);
  try {
    const report = await queryStats(
      stack.redis,
      stack.prefix,
      query,
      (id) => rules.skills.get(id)?.name,
    );
    printJson(io, report);
    return 0;
  } finally {
    await stack.close();
  }
}
