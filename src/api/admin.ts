import { createHash, timingSafeEqual } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import { HttpError } from './http-error.js';
import type { ApiDeps, App } from './route.js';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Guards `/admin/*` (and any route that changes state): off, saying how to turn it on, without
 * `JOBSIFT_ADMIN_TOKEN`; with it, `Authorization: Bearer <token>` or, for a browser, HTTP Basic
 * with the token as the password (any user name). Compared in constant time.
 */
export function requireAdmin(token: string | undefined): MiddlewareHandler {
  const expected = token === undefined ? undefined : digest(token);
  return async (c, next) => {
    if (expected === undefined) {
      throw new HttpError(
        403,
        'admin_disabled',
        'the admin routes are off: set JOBSIFT_ADMIN_TOKEN for `jobsift serve`, then send Authorization: Bearer <token>',
      );
    }
    const header = c.req.header('authorization') ?? '';
    let given: string | undefined;
    const bearer = /^Bearer\s+(.+)$/i.exec(header);
    const basic = /^Basic\s+(.+)$/i.exec(header);
    if (bearer !== null) given = bearer[1]?.trim();
    else if (basic !== null) {
      const decoded = Buffer.from(basic[1] ?? '', 'base64').toString('utf8');
      given = decoded.slice(decoded.indexOf(':') + 1);
    }
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      c.header('WWW-Authenticate', 'Bearer realm="jobsift admin", Basic realm="jobsift admin"');
      throw new HttpError(
        401,
        'unauthorized',
        given === undefined
          ? 'the admin routes need Authorization: Bearer <JOBSIFT_ADMIN_TOKEN>'
          : 'the admin token is wrong',
      );
    }
    await next();
  };
}

/** Bull Board (the BullMQ queues: jobs, failures, retries) at /admin/queues, behind the token. */
export function adminRoutes(app: App, { queues, config }: ApiDeps): void {
  app.use('/admin/*', requireAdmin(config.adminToken));
  app.use('/admin', requireAdmin(config.adminToken));
  if (config.adminToken === undefined) return;
  const board = new HonoAdapter(serveStatic);
  createBullBoard({
    queues: [new BullMQAdapter(queues.crawl), new BullMQAdapter(queues.postings)],
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'jobsift queues' } },
  });
  board.setBasePath('/admin/queues');
  app.route('/admin/queues', board.registerPlugin());
}
