import {
  type App,
  createApp,
  dashboardRoutes,
  type RunningServer,
  startServer,
} from '../api/index.js';
import type { Config } from '../config.js';
import type { Logger } from '../log/index.js';
import { openStack, type Stack } from '../pipeline/index.js';
import { redactUrl } from '../queue/index.js';
import { loadRules } from '../rules/index.js';
import type { CommandIo } from './classify-command.js';
import { commandLogger, logOutage } from './pipeline-commands.js';

export interface ServingApi {
  server: RunningServer;
  /** Stops the server (requests in flight finish). The stack is the caller's to close. */
  close(): Promise<void>;
}

/**
 * Serves the HTTP API on `config.host:config.port` over an open stack, and says where through
 * `log`. `extend` mounts more routes (the dashboard); `jobsift up` and `demo` call this too.
 */
export async function serveApi(
  config: Config,
  stack: Stack,
  log: Logger,
  options: { extend?: (app: App) => void } = {},
): Promise<ServingApi> {
  const rules = loadRules(config.rulesDir);
  const app = createApp({
    rules,
    redis: stack.redis,
    queues: stack.queues,
    config: { ...config, prefix: stack.prefix },
    processMetrics: true,
    log: (line) => log.error({ event: 'http.error' }, line),
    extend: (app) => {
      dashboardRoutes(app);
      options.extend?.(app);
    },
  });
  const server = await startServer(app, config);
  const admin =
    config.adminToken === undefined
      ? 'admin routes off (set JOBSIFT_ADMIN_TOKEN to turn on /admin/queues)'
      : `Bull Board at ${server.url}/admin/queues (admin token)`;
  log.info(
    { event: 'serving', url: server.url, redis: redactUrl(stack.handle.url), prefix: stack.prefix },
    `serve: listening on ${server.url} (dashboard at ${server.url}/, reference at ${server.url}/docs); Redis ${redactUrl(stack.handle.url)}, prefix "${stack.prefix}"; ${admin}; Ctrl-C stops`,
  );
  return { server, close: () => server.close() };
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
}

/** `jobsift serve`: the HTTP API until SIGTERM/SIGINT. */
export async function runServe(config: Config, io: CommandIo): Promise<number> {
  const log = commandLogger(config, io);
  const stack = await openStack(config, config.prefix, (event) => logOutage(log, event));
  try {
    const serving = await serveApi(config, stack, log).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') {
        throw new Error(
          `cannot listen on ${config.host}:${config.port} (${error.code === 'EADDRINUSE' ? 'the port is in use' : 'permission denied'}); choose another with --port`,
        );
      }
      throw error;
    });
    const signal = await untilSignal();
    log.info({ event: 'stopping', signal }, `serve: ${signal}: finishing requests in flight`);
    await serving.close();
    return 0;
  } finally {
    await stack.close();
  }
}
