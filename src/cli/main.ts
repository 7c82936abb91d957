import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { loadConfig } from '../config.js';
import { describeError, InputError, isJobsiftError, RulesError } from '../errors.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { loadRules } from '../rules/index.js';
import type { StatsQuery } from '../stats/index.js';
import { runClassify } from './classify-command.js';
import type { PostingFlags } from './postings-commands.js';

// The pipeline commands pull in BullMQ and Crawlee; loading them only when used keeps
// `jobsift classify` starting fast.
const pipeline = () => import('./pipeline-commands.js');

/** The options of `jobsift stats`, as commander gives them. */
interface StatsOptions {
  role?: string;
  from?: string;
  to?: string;
  top?: string;
  by?: 'day' | 'week' | 'month';
  skill?: string;
  bySource?: boolean;
}

/** The options of `jobsift worker` and `jobsift up`. */
interface WorkerOptions {
  sources?: string;
  concurrency?: string;
  processes?: string;
  logFormat?: string;
  host?: string;
  port?: string;
}

/** `--top` as a positive integer; the rest of the query is validated by the stats module. */
function statsQueryOf(options: StatsOptions): StatsQuery {
  const query: StatsQuery = {};
  if (options.top !== undefined) {
    const top = Number(options.top);
    if (!Number.isInteger(top) || top < 1) {
      throw new InputError(
        'invalid_query',
        `--top: expected a positive integer, received "${options.top}"`,
      );
    }
    query.top = top;
  }
  if (options.role !== undefined) query.role = options.role;
  if (options.from !== undefined) query.from = options.from;
  if (options.to !== undefined) query.to = options.to;
  if (options.by !== undefined) query.by = options.by;
  if (options.skill !== undefined) query.skill = options.skill;
  return query;
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
    version?: string;
  };
  return pkg.version ?? 'unknown';
}

/** Runs the `jobsift` command line and resolves to its exit code: 0 ok, 1 failure, 2 bad input. */
export async function main(argv: readonly string[]): Promise<number> {
  const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
  let exitCode = 0;
  const program = new Command('jobsift')
    .description(
      'Crawl job boards, classify postings into roles, extract the skills they ask for, and keep skill-demand statistics.',
    )
    .version(packageVersion(), '-V, --version')
    .exitOverride()
    // Commander's own messages start "error: "; every jobsift error starts "jobsift: ".
    .configureOutput({
      writeErr: (text) => process.stderr.write(text.replace(/^error: /, 'jobsift: ')),
    })
    .showHelpAfterError('(run jobsift --help for usage)');

  program
    .command('classify')
    .description('classify one posting (text or HTML) from FILE or standard input')
    .argument('[FILE]', 'posting file; "-" or nothing reads standard input')
    .option('-t, --title <title>', "the posting's title")
    .addOption(new Option('--json', 'print the Enrichment as JSON').conflicts('jsonl'))
    .option('--jsonl', 'batch: each input line {"id","title"?,"description"} gives one output line')
    .option('--max-bytes <bytes>', 'largest posting accepted (default 2 MB)')
    .option(
      '--rules <dir>',
      'rules folder with roles.yaml and skills/ (default: the shipped rules)',
    )
    .action(
      async (
        file: string | undefined,
        options: {
          title?: string;
          json?: boolean;
          jsonl?: boolean;
          maxBytes?: string;
          rules?: string;
        },
      ) => {
        const config = loadConfig(process.env, {
          maxInputBytes: options.maxBytes,
          rulesDir: options.rules,
        });
        const rules = loadRules(config.rulesDir);
        exitCode = await runClassify(file, options, config, rules, io);
      },
    );

  const pipelineConfig = (options: WorkerOptions) =>
    loadConfig(process.env, {
      sourcesFile: options.sources,
      concurrency: options.concurrency,
      workerProcesses: options.processes,
      logFormat: options.logFormat,
      host: options.host,
      port: options.port,
    });
  const logFormatOption = () =>
    new Option(
      '--log-format <format>',
      'human lines or JSON lines (env JOBSIFT_LOG_FORMAT)',
    ).choices(['human', 'json']);
  const sourcesOption = () =>
    new Option('--sources <file>', 'sources file (env JOBSIFT_SOURCES)').default(
      undefined,
      './sources.yaml',
    );

  program
    .command('schedule')
    .description(
      'set one crawl schedule per source of the sources file; remove schedules of sources no longer in it',
    )
    .addOption(sourcesOption())
    .action(async (options: { sources?: string }) => {
      exitCode = await (await pipeline()).runSchedule(pipelineConfig(options), io);
    });

  program
    .command('crawl')
    .description('queue crawls of the sources now')
    .option('--source <id...>', 'only these sources (repeatable)')
    .option('--wait', 'wait until the crawls and their postings are processed')
    .option('--full', "fetch every sitemap page, even those whose <lastmod> hasn't changed")
    .addOption(sourcesOption())
    .action(
      async (options: { sources?: string; source?: string[]; wait?: boolean; full?: boolean }) => {
        exitCode = await (await pipeline()).runCrawl(pipelineConfig(options), options, io);
      },
    );

  program
    .command('worker')
    .description('run crawl and process workers until SIGTERM/SIGINT')
    .option('--concurrency <n>', 'posting jobs per process worker at once (default 16)')
    .option('--processes <n>', 'process workers (default: one per core)')
    .addOption(logFormatOption())
    .addOption(sourcesOption())
    .action(async (options: WorkerOptions) => {
      exitCode = await (await pipeline()).runWorker(pipelineConfig(options), io);
    });

  program
    .command('up')
    .description(
      'schedules from the sources file, crawl and process workers, and the API with the dashboard, until SIGTERM/SIGINT',
    )
    .option('--concurrency <n>', 'posting jobs per process worker at once (default 16)')
    .option('--processes <n>', 'process workers (default: one per core)')
    .option('--host <address>', 'address the API and dashboard bind (default 127.0.0.1)')
    .option('--port <n>', 'port of the API and dashboard (default 8080; 0 picks a free one)')
    .addOption(logFormatOption())
    .addOption(sourcesOption())
    .action(async (options: WorkerOptions) => {
      exitCode = await (await pipeline()).runWorker(pipelineConfig(options), io, {
        schedule: true,
        serve: true,
      });
    });

  program
    .command('stats')
    .description('skill demand per role as JSON')
    .option('--role <id>', 'only this role')
    .option('--from <date>', 'first day, YYYY-MM-DD (default: the first day with data)')
    .option('--to <date>', 'last day, YYYY-MM-DD (default: the last day with data)')
    .option('--top <n>', 'skills per role (default 10)')
    .addOption(
      new Option('--by <period>', 'add a series by period').choices(['day', 'week', 'month']),
    )
    .option('--skill <id>', "add this skill's share over time and the skills it comes with")
    .option(
      '--by-source',
      'instead: per source, its postings that count, its duplicates and its crawls',
    )
    .addOption(sourcesOption())
    .action(async (options: StatsOptions & { sources?: string }) => {
      const commands = await pipeline();
      if (options.bySource) {
        const other = (['role', 'from', 'to', 'top', 'by', 'skill'] as const).find(
          (name) => options[name] !== undefined,
        );
        if (other !== undefined) {
          throw new InputError(
            'invalid_query',
            `--by-source counts every source over all time; drop --${other}`,
          );
        }
        exitCode = await commands.runSourceStats(pipelineConfig(options), io);
        return;
      }
      exitCode = await commands.runStats(pipelineConfig(options), statsQueryOf(options), io);
    });

  const postingFilters = (command: Command) =>
    command
      .option('--role <id>', 'only this role')
      .option('--skill <id>', 'only postings that ask for this skill')
      .addOption(
        new Option('--requirement <level>', 'with --skill: only at this level').choices([
          'required',
          'preferred',
          'mentioned',
        ]),
      )
      .option('--source <id>', 'only this source')
      .option('--company <name>', 'only this company (case-insensitive)')
      .addOption(
        new Option('--remote <kind>', 'only these').choices(['remote', 'hybrid', 'onsite']),
      )
      .option('--from <date>', 'first day, YYYY-MM-DD')
      .option('--to <date>', 'last day, YYYY-MM-DD')
      .option('--q <text>', 'text in the title or the company')
      .addOption(sourcesOption());
  const postingsConfig = (options: { sources?: string }) =>
    loadConfig(process.env, { sourcesFile: options.sources });

  postingFilters(
    program
      .command('postings')
      .description('the postings behind the numbers, newest first, as JSON (one page)'),
  )
    .option('--limit <n>', 'postings per page, 1-1000 (default 50)')
    .option('--cursor <cursor>', 'the "next" of the previous page')
    .action(async (options: PostingFlags & { sources?: string }) => {
      const { sources: _sources, ...flags } = options;
      exitCode = await (await import('./postings-commands.js')).runPostings(
        postingsConfig(options),
        flags,
        io,
      );
    });

  postingFilters(
    program
      .command('export')
      .description('every posting that matches, streamed as JSON Lines or CSV'),
  )
    .addOption(
      new Option('--format <format>', 'output format').choices(['jsonl', 'csv']).default('jsonl'),
    )
    .option('--out <file>', 'write to FILE (default: standard output)')
    .action(async (options: PostingFlags & { sources?: string }) => {
      const { sources: _sources, ...flags } = options;
      exitCode = await (await import('./postings-commands.js')).runExport(
        postingsConfig(options),
        flags,
        io,
      );
    });

  program
    .command('serve')
    .description('serve the HTTP API (GET /docs lists the routes) until SIGTERM/SIGINT')
    .option('--host <address>', 'address to bind (default 127.0.0.1: this machine only)')
    .option('--port <n>', 'port (default 8080; 0 picks a free one)')
    .option('--max-bytes <bytes>', 'largest posting accepted (default 2 MB)')
    .option('--rules <dir>', 'rules folder (default: the shipped rules)')
    .addOption(sourcesOption())
    .action(
      async (options: {
        host?: string;
        port?: string;
        maxBytes?: string;
        rules?: string;
        sources?: string;
      }) => {
        const config = loadConfig(process.env, {
          host: options.host,
          port: options.port,
          maxInputBytes: options.maxBytes,
          rulesDir: options.rules,
          sourcesFile: options.sources,
        });
        exitCode = await (await import('./serve-command.js')).runServe(config, io);
      },
    );

  program
    .command('demo')
    .description(
      'serve the sample boards locally, crawl them through the whole pipeline, print top skills per role',
    )
    .option('--processes <n>', 'process workers (default: one per core)')
    .option('--serve', 'then serve the dashboard and the API on its data until Ctrl-C')
    .option('--host <address>', 'with --serve: address to bind (default 127.0.0.1)')
    .option('--port <n>', 'with --serve: port (default 8080; 0 picks a free one)')
    .action(
      async (options: { processes?: string; serve?: boolean; host?: string; port?: string }) => {
        const config = loadConfig(process.env, {
          workerProcesses: options.processes,
          host: options.host,
          port: options.port,
        });
        exitCode = await (await import('./demo-command.js')).runDemo(config, io, {
          serve: options.serve === true,
        });
      },
    );

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : 2;
    }
    process.stderr.write(`jobsift: ${describeError(error)}\n`);
    if (error instanceof InputError || error instanceof RulesError) return 2;
    if (isJobsiftError(error)) return 1;
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') return 0;
    return 1;
  }
}
