import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { OTHER_ROLE_ID } from '../classify/index.js';
import type { Config } from '../config.js';
import { loadSources, type SourceConfig } from '../crawl/index.js';
import { InputError } from '../errors.js';
import {
  type CrawlOutcome,
  openStack,
  progressLine,
  type RunningWorker,
  type Stack,
  startCrawlWorker,
  startWorkerPool,
  type WorkerPool,
  waitForCrawls,
} from '../pipeline/index.js';
import { enqueueCrawls, redactUrl, syncSchedulers } from '../queue/index.js';
import { type CompiledRules, DEFAULT_RULES_DIR, loadRules } from '../rules/index.js';
import { queryStats, type StatsQuery, statsTotals } from '../stats/index.js';
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
  const stack = await openStack(config, config.prefix, (line) => io.stderr.write(line));
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
  close(): Promise<void>;
}

/** Process workers (one per core unless told otherwise) and a crawl worker, on `stack`'s Redis. */
export async function startWorkers(
  config: Config,
  stack: Stack,
  io: CommandIo,
  crawlOptions: Parameters<typeof startCrawlWorker>[1] = {},
): Promise<RunningWorkers> {
  const processes = config.workerProcesses ?? availableParallelism();
  const pool = startWorkerPool({
    processes,
    env: {
      ...process.env,
      REDIS_URL: stack.handle.url,
      JOBSIFT_PREFIX: stack.prefix,
      JOBSIFT_CONCURRENCY: String(config.concurrency),
      JOBSIFT_LOCK_MS: String(config.lockDurationMs),
      ...(config.rulesDir === undefined ? {} : { JOBSIFT_RULES_DIR: config.rulesDir }),
    },
    onExit: (pid, code, signal) => {
      io.stderr.write(
        `jobsift: process worker ${pid} exited (${signal ?? `code ${code}`}); restarting it\n`,
      );
    },
  });
  const crawl = startCrawlWorker(
    {
      redisUrl: stack.handle.url,
      prefix: stack.prefix,
      concurrency: config.concurrency,
      lockDurationMs: config.lockDurationMs,
    },
    { crawleeLogs: config.debug.includes('crawlee'), ...crawlOptions },
  );
  await pool.ready;
  return {
    pool,
    crawl,
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
  const stack = await openStack(config, config.prefix, (line) => io.stderr.write(line));
  try {
    if (options.schedule) {
      const changes = await syncSchedulers(stack.queues.crawl, sources);
      io.stderr.write(
        `jobsift: ${changes.upserted.length} source schedule(s) set, ${changes.removed.length} removed\n`,
      );
    }
    const workers = await startWorkers(config, stack, io);
    io.stderr.write(
      `jobsift: ${workers.pool.children.length} process worker(s) × ${config.concurrency} jobs and a crawl worker on ${redactUrl(stack.handle.url)} (${stack.handle.origin}), prefix "${stack.prefix}"; Ctrl-C stops\n`,
    );
    const serving = options.serve
      ? await (await import('./serve-command.js'))
          .serveApi(config, stack, io)
          .catch(async (error) => {
            await workers.close();
            throw error;
          })
      : undefined;
    const signal = await untilSignal();
    io.stderr.write(`jobsift: ${signal}: finishing running jobs\n`);
    await serving?.close();
    await workers.close();
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
