import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OpenAPIHono } from '@hono/zod-openapi';
import { cors } from 'hono/cors';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { PACKAGE_ROOT } from '../package-root.js';
import { adminRoutes } from './admin.js';
import { classifyRoutes } from './classify-routes.js';
import { docsPage } from './docs-page.js';
import { healthRoutes } from './health-routes.js';
import { HttpError, onError } from './http-error.js';
import { createMetrics } from './metrics.js';
import { postingsRoutes } from './postings-routes.js';
import type { ApiDeps, App } from './route.js';
import { statsRoutes } from './stats-routes.js';
import { taxonomyRoutes } from './taxonomy-routes.js';

export interface AppOptions extends ApiDeps {
  /**
   * Mounts more routes after the API's own, e.g. the dashboard's assets at `/`. The API leaves
   * `/` (and everything outside /v1, /admin, /docs, /openapi.json, /healthz, /metrics) free.
   */
  extend?: (app: App) => void;
  /** Where 5xx reasons are written (one line each). Default: stderr. */
  log?: (line: string) => void;
  /** Adds Node's process metrics (memory, event loop, GC) to /metrics. Default false. */
  processMetrics?: boolean;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
    version?: string;
  };
  return pkg.version ?? '0.0.0';
}

/**
 * The HTTP API as a Hono app: a pure function of its dependencies, so tests call
 * `app.request()` with no port, and `jobsift serve` hands it to @hono/node-server.
 *
 * @example
 * const app = createApp({ rules: loadRules(), redis, queues, config: loadConfig() });
 * await app.request('/v1/roles');
 */
export function createApp(options: AppOptions): App {
  const { config } = options;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const app: App = new OpenAPIHono();
  const metrics = createMetrics({
    redis: options.redis,
    prefix: config.prefix,
    queues: options.queues,
    processMetrics: options.processMetrics ?? false,
  });

  app.onError(onError(log));
  app.notFound((c) =>
    c.json(
      {
        error: {
          code: 'not_found',
          message: `no route ${c.req.method} ${c.req.path}; GET /docs lists the routes`,
        },
      },
      404,
    ),
  );
  app.use('*', metrics.middleware);
  app.use('*', async (c, next) => {
    await next();
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
  });
  app.use(
    '*',
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) =>
        c.json(
          {
            error: {
              code: 'method_not_allowed',
              message: `${c.req.method} is not allowed on ${c.req.path}; allowed: ${methods.join(', ')}`,
            },
          },
          405,
          { Allow: methods.join(', ') },
        ),
    }),
  );
  if (config.corsOrigins.length > 0) {
    app.use(
      '/v1/*',
      cors({ origin: config.corsOrigins, allowMethods: ['GET', 'POST'], maxAge: 600 }),
    );
  }
  app.use('/v1/*', async (_c, next) => {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new HttpError(
              503,
              'timeout',
              `the request took over ${config.requestTimeoutMs} ms (JOBSIFT_REQUEST_TIMEOUT_MS)`,
            ),
          ),
        config.requestTimeoutMs,
      );
    });
    try {
      await Promise.race([next(), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  });

  classifyRoutes(app, options);
  taxonomyRoutes(app, options);
  statsRoutes(app, options);
  postingsRoutes(app, options);
  healthRoutes(app, options, metrics);
  adminRoutes(app, options);

  app.openAPIRegistry.registerComponent('securitySchemes', 'adminToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'JOBSIFT_ADMIN_TOKEN',
  });
  const document = () =>
    app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: {
        title: 'jobsift API',
        version: version(),
        description:
          'Classify job postings into roles and skills, and read the skill-demand statistics the pipeline keeps. Served by `jobsift serve`.',
      },
    });
  let cachedDocument: ReturnType<typeof document> | undefined;
  app.get('/openapi.json', (c) => {
    cachedDocument ??= document();
    return c.json(cachedDocument);
  });
  app.get('/docs', (c) => {
    cachedDocument ??= document();
    return c.html(docsPage(cachedDocument as unknown as Parameters<typeof docsPage>[0]));
  });

  options.extend?.(app);
  return app;
}
