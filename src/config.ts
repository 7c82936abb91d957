import { z } from 'zod';
import { InputError } from './errors.js';
import { formatIssue } from './rules/index.js';

const byteCount = z.coerce.number().int().positive();

/**
 * Every setting of jobsift in one schema: environment variables and command-line flags are
 * parsed here, once, and the result is passed down. Nothing else reads process.env.
 */
export const configSchema = z.strictObject({
  /** Folder with roles.yaml and skills/*.yaml. Env JOBSIFT_RULES_DIR. Default: the shipped rules. */
  rulesDir: z.string().min(1).optional(),
  /** Largest posting accepted, in bytes. Env JOBSIFT_MAX_INPUT_BYTES. Default 2 MB. */
  maxInputBytes: byteCount.default(2 * 1024 * 1024),
  /** Redis to use. Env REDIS_URL. Default: 127.0.0.1:6379 if it answers, else a managed redis-server. */
  redisUrl: z
    .string()
    .regex(/^rediss?:\/\//, 'expected a URL like "redis://127.0.0.1:6379"')
    .optional(),
  /** Prefix of every Redis key jobsift writes (queues and stats). Env JOBSIFT_PREFIX. */
  prefix: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/, 'expected letters, digits, "_", "." or "-"')
    .default('jobsift'),
  /** The sources file. Env JOBSIFT_SOURCES. */
  sourcesFile: z.string().min(1).default('sources.yaml'),
  /** Where a redis-server started by jobsift keeps its data. Env JOBSIFT_DATA_DIR. */
  dataDir: z.string().min(1).default('.jobsift'),
  /** Posting jobs each process worker runs at once. Env JOBSIFT_CONCURRENCY. */
  concurrency: z.coerce.number().int().min(1).max(1000).default(16),
  /** Process-worker processes (each one core). Env JOBSIFT_WORKER_PROCESSES. Default: the cores. */
  workerProcesses: z.coerce.number().int().min(1).max(256).optional(),
  /**
   * How long a worker's lock on a job lasts without renewal; a worker that died is noticed after
   * about this long and its job retried. Env JOBSIFT_LOCK_MS.
   */
  lockDurationMs: z.coerce.number().int().min(500).default(30_000),
  /** Address `jobsift serve` binds. Env JOBSIFT_HOST. Default 127.0.0.1: this machine only. */
  host: z.string().min(1).default('127.0.0.1'),
  /** Port `jobsift serve` listens on (0: any free port). Env JOBSIFT_PORT. */
  port: z.coerce.number().int().min(0).max(65_535).default(8080),
  /**
   * Bearer token of the admin routes (`/admin/*`: Bull Board). Env JOBSIFT_ADMIN_TOKEN. Unset:
   * those routes are off and say so.
   */
  adminToken: z.string().min(1).optional(),
  /**
   * Origins allowed to call the HTTP API from a browser (CORS), comma-separated, e.g.
   * `https://a.example,https://b.example`. Env JOBSIFT_CORS_ORIGINS. Default: none (no CORS).
   */
  corsOrigins: z
    .string()
    .transform((list) =>
      list
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .url({ protocol: /^https?$/ })
          .regex(/^[^/]+\/\/[^/]+$/, 'expected an origin like "https://a.example" (no path)'),
      ),
    )
    .default([]),
  /** How long an HTTP request may take before it gets a 503. Env JOBSIFT_REQUEST_TIMEOUT_MS. */
  requestTimeoutMs: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /**
   * Days a posting's summary (GET /v1/postings) is kept after it was last seen; each re-crawl
   * starts the count again. Env JOBSIFT_POSTINGS_RETENTION_DAYS. Default: kept for ever. The
   * skill-demand stats are not affected.
   */
  postingsRetentionDays: z.coerce.number().int().min(1).max(36_500).optional(),
  /**
   * Diagnostics to print, comma-separated. `crawlee`: Crawlee's own log lines during crawls
   * (every level; silent otherwise, as crawl reports say what failed). Env JOBSIFT_DEBUG.
   */
  debug: z
    .string()
    .transform((list) =>
      list
        .split(',')
        .map((topic) => topic.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(['crawlee'])))
    .default([]),
  /** How `up` and `worker` log: readable lines or JSON lines. Env JOBSIFT_LOG_FORMAT. */
  logFormat: z.enum(['human', 'json']).default('human'),
  /** Least severe level logged (`silent` logs nothing). Env JOBSIFT_LOG_LEVEL. */
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Seconds between the summary lines of `up` and `worker`; 0: none. Env JOBSIFT_SUMMARY_SECS. */
  summarySecs: z.coerce.number().min(0).default(60),
});

export type Config = z.infer<typeof configSchema>;

const ENV_NAMES: Record<keyof Config, string> = {
  rulesDir: 'JOBSIFT_RULES_DIR',
  maxInputBytes: 'JOBSIFT_MAX_INPUT_BYTES',
  redisUrl: 'REDIS_URL',
  prefix: 'JOBSIFT_PREFIX',
  sourcesFile: 'JOBSIFT_SOURCES',
  dataDir: 'JOBSIFT_DATA_DIR',
  concurrency: 'JOBSIFT_CONCURRENCY',
  workerProcesses: 'JOBSIFT_WORKER_PROCESSES',
  lockDurationMs: 'JOBSIFT_LOCK_MS',
  debug: 'JOBSIFT_DEBUG',
  host: 'JOBSIFT_HOST',
  port: 'JOBSIFT_PORT',
  adminToken: 'JOBSIFT_ADMIN_TOKEN',
  corsOrigins: 'JOBSIFT_CORS_ORIGINS',
  requestTimeoutMs: 'JOBSIFT_REQUEST_TIMEOUT_MS',
  postingsRetentionDays: 'JOBSIFT_POSTINGS_RETENTION_DAYS',
  logFormat: 'JOBSIFT_LOG_FORMAT',
  logLevel: 'JOBSIFT_LOG_LEVEL',
  summarySecs: 'JOBSIFT_SUMMARY_SECS',
};

const FLAG_NAMES: Record<keyof Config, string> = {
  rulesDir: '--rules',
  maxInputBytes: '--max-bytes',
  redisUrl: 'REDIS_URL',
  prefix: 'JOBSIFT_PREFIX',
  sourcesFile: '--sources',
  dataDir: 'JOBSIFT_DATA_DIR',
  concurrency: '--concurrency',
  workerProcesses: '--processes',
  lockDurationMs: 'JOBSIFT_LOCK_MS',
  debug: 'JOBSIFT_DEBUG',
  host: '--host',
  port: '--port',
  adminToken: 'JOBSIFT_ADMIN_TOKEN',
  corsOrigins: 'JOBSIFT_CORS_ORIGINS',
  requestTimeoutMs: 'JOBSIFT_REQUEST_TIMEOUT_MS',
  postingsRetentionDays: 'JOBSIFT_POSTINGS_RETENTION_DAYS',
  logFormat: '--log-format',
  logLevel: 'JOBSIFT_LOG_LEVEL',
  summarySecs: 'JOBSIFT_SUMMARY_SECS',
};

/**
 * Builds the config from the environment, then flags (flags win). Invalid values throw an
 * InputError naming the variable or flag, what was expected and what was received.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  flags: Partial<Record<keyof Config, unknown>> = {},
): Config {
  const fromEnv: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(ENV_NAMES)) {
    const value = env[name];
    if (value !== undefined && value !== '') fromEnv[key] = value;
  }
  const definedFlags = Object.fromEntries(
    Object.entries(flags).filter(([, value]) => value !== undefined),
  );
  const result = configSchema.safeParse({ ...fromEnv, ...definedFlags }, { reportInput: true });
  if (!result.success) {
    const issue = result.error.issues[0] as z.core.$ZodIssue;
    const key = String(issue.path[0]) as keyof Config;
    const fromFlag = key in definedFlags;
    const source = fromFlag ? FLAG_NAMES[key] : ENV_NAMES[key];
    // The value as given (a coerced number would be reported as NaN), unless the issue is about
    // one part of it, such as one topic of a list.
    const given = fromFlag ? definedFlags[key] : fromEnv[key];
    const input = issue.path.length === 1 ? given : issue.input;
    throw new InputError(
      'invalid_config',
      `${source}: ${formatIssue({ ...issue, path: [], input } as z.core.$ZodIssue)}`,
    );
  }
  return result.data;
}
