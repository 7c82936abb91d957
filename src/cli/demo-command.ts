import type { Config } from '../config.js';
import { parseSources } from '../crawl/index.js';
import { demoSources, startBoardServer } from '../demo/index.js';
import { plural } from '../format.js';
import { deleteKeysUnder, openStack, type Stack } from '../pipeline/index.js';
import { enqueueCrawls, redactUrl } from '../queue/index.js';
import { loadRules } from '../rules/index.js';
import { queryStats, statsTotals } from '../stats/index.js';
import type { CommandIo } from './classify-command.js';
import { commandLogger, startWorkers, waitWithProgress } from './pipeline-commands.js';

/**
 * The command that prints the demo's numbers again later, from the same folder: the demo's
 * prefix, and the Redis it used when that came from REDIS_URL (a managed server is found again
 * through the data folder, a local one on its port). A password in REDIS_URL shows as `***`.
 */
export function demoStatsCommand(config: Config, stack: Stack, statsArgs: string): string {
  const env = [`JOBSIFT_PREFIX=${stack.prefix}`];
  // A password is not printed: the line shows where it goes.
  if (stack.handle.origin === 'env')
    env.unshift(`REDIS_URL=${shellWord(redactUrl(stack.handle.url))}`);
  if (config.dataDir !== '.jobsift') env.push(`JOBSIFT_DATA_DIR=${shellWord(config.dataDir)}`);
  return `${env.join(' ')} npx jobsift stats ${statsArgs}`;
}

function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
}

/**
 * `jobsift demo`: serves the sample boards on 127.0.0.1, crawls them through the whole pipeline
 * (queue, process workers, stats in Redis) and prints the top skills per role. Uses its own key
 * prefix (`<prefix>-demo`), cleared first, so it never touches real data. With `serve`, then
 * serves the API and the dashboard on `config.host:config.port` over that data (the sample
 * boards stay up, so the careers site's postings, which link to it, still open) until
 * SIGTERM/SIGINT.
 */
export async function runDemo(
  config: Config,
  io: CommandIo,
  options: { top?: number; serve?: boolean } = {},
): Promise<number> {
  const rules = loadRules(config.rulesDir);
  const server = await startBoardServer();
  const stack = await openStack(config, `${config.prefix}-demo`);
  try {
    await deleteKeysUnder(stack.redis, stack.prefix);
    const sources = parseSources(
      {
        sources: demoSources(server.origin).map((source) => ({
          ...source,
          maxRequestsPerMinute: 600,
        })),
      },
      'demo sources',
    );
    io.stderr.write(
      `jobsift demo: sample boards on ${server.origin}; Redis ${stack.handle.origin}; crawling ${sources.length} sources\n`,
    );
    // The demo prints its own report; of the workers' lines only warnings and errors show.
    const quieter = ['fatal', 'error', 'silent'].includes(config.logLevel)
      ? config.logLevel
      : 'warn';
    const log = commandLogger({ ...config, logLevel: quieter }, io);
    const workers = await startWorkers(config, stack, log, { backoffBaseMs: 200 });
    let closing: Promise<void> | undefined;
    const closeWorkers = () => {
      closing ??= workers.close();
      return closing;
    };
    try {
      const jobIds = await enqueueCrawls(stack.queues.crawl, sources, 'demo');
      const crawls = await waitWithProgress(stack, jobIds, io);
      for (const crawl of crawls) {
        const report = crawl.report;
        const line = report
          ? `${plural(report.pages.ok, 'page')}, ${plural(report.postings.found, 'posting')}${
              report.postings.duplicates
                ? ` (${report.postings.duplicates === 1 ? '1 copy' : `${report.postings.duplicates} copies`} of postings seen before)`
                : ''
            }, ${report.pages.failed + report.postings.failed + report.pages.skipped} not used${
              report.failures.length > 0
                ? ` (${report.failures
                    .map((f) => f.reason)
                    .slice(0, 2)
                    .join('; ')})`
                : ''
            }`
          : `failed: ${crawl.error ?? crawl.state}`;
        io.stderr.write(`  ${crawl.source}: ${line}\n`);
      }
      const totals = await statsTotals(stack.redis, stack.prefix);
      io.stderr.write(
        `  counted ${plural(totals.postings, 'posting')}, ${plural(totals.duplicates, 'duplicate')} across sources, ${totals.failed} failed\n`,
      );
      const top = options.top ?? 5;
      const report = await queryStats(
        stack.redis,
        stack.prefix,
        { top },
        (id) => rules.skills.get(id)?.name,
      );
      io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      io.stderr.write(
        `  these numbers again (from this folder): ${demoStatsCommand(config, stack, `--top ${top}`)}\n` +
          `  per source (postings that count, duplicates, crawls): ${demoStatsCommand(config, stack, '--by-source')}\n`,
      );
      const ok = crawls.every((crawl) => crawl.state === 'completed');
      if (!options.serve) {
        io.stderr.write('  to see it in the dashboard: jobsift demo --serve\n');
        return ok ? 0 : 1;
      }
      // Serving reads the stats only: the workers' processes and connections can go.
      await closeWorkers();
      const { serveApi } = await import('./serve-command.js');
      const serving = await serveApi(config, stack, commandLogger(config, io));
      io.stderr.write(`jobsift demo: dashboard at ${serving.server.url}/ (Ctrl-C stops)\n`);
      const signal = await untilSignal();
      io.stderr.write(`jobsift demo: ${signal}: stopping\n`);
      await serving.close();
      return ok ? 0 : 1;
    } finally {
      await closeWorkers();
    }
  } finally {
    await stack.close();
    await server.close();
  }
}
