import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Redis } from 'ioredis';
import type { z } from 'zod';
import type { Config } from '../config.js';
import type { Queues } from '../queue/index.js';
import type { CompiledRules } from '../rules/index.js';
import { errorSchema } from './schemas.js';

/** What the routes need: the compiled rules, Redis, the queues and the parsed settings. */
export interface ApiDeps {
  rules: CompiledRules;
  redis: Redis;
  queues: Queues;
  config: Config;
}

export type App = OpenAPIHono;

/** One route as the OpenAPI document shows it; `path` uses `{param}`. */
export interface RouteDoc {
  method: 'get' | 'post';
  path: string;
  summary: string;
  description?: string;
  tag: string;
  query?: z.ZodObject;
  params?: z.ZodObject;
  /** Media type → schema of the request body. */
  body?: Record<string, z.ZodType>;
  /** The success response. */
  response: { description: string; schema?: z.ZodType; mediaType?: string };
  /** Error statuses the route can answer with, besides 500. */
  errors?: readonly number[];
  /** Needs the admin token. */
  admin?: boolean;
}

const ERROR_TEXT: Record<number, string> = {
  400: 'invalid query or body, or an unknown role or skill id',
  401: 'the admin token is missing or wrong',
  403: 'the admin routes are off (no JOBSIFT_ADMIN_TOKEN)',
  404: 'no such posting',
  413: 'the body is over the size limit',
  415: 'an unsupported Content-Type',
  503: 'Redis is unreachable or the request timed out',
};

/**
 * Registers a route in the OpenAPI document and on the app, from one description, so the
 * document lists exactly the routes served, with the schemas they validate with.
 */
export function route(
  app: App,
  doc: RouteDoc,
  handler: (c: Context) => Response | Promise<Response>,
): void {
  const responses: Record<string, unknown> = {
    200: {
      description: doc.response.description,
      ...(doc.response.schema === undefined
        ? {}
        : {
            content: {
              [doc.response.mediaType ?? 'application/json']: { schema: doc.response.schema },
            },
          }),
    },
  };
  for (const status of [...(doc.errors ?? []), 500]) {
    responses[status] = {
      description: ERROR_TEXT[status] ?? 'internal error',
      content: { 'application/json': { schema: errorSchema } },
    };
  }
  const request: Record<string, unknown> = {};
  if (doc.query !== undefined) request.query = doc.query;
  if (doc.params !== undefined) request.params = doc.params;
  if (doc.body !== undefined) {
    request.body = {
      required: true,
      content: Object.fromEntries(
        Object.entries(doc.body).map(([type, schema]) => [type, { schema }]),
      ),
    };
  }
  app.openAPIRegistry.registerPath({
    method: doc.method,
    path: doc.path,
    summary: doc.summary,
    ...(doc.description === undefined ? {} : { description: doc.description }),
    tags: [doc.tag],
    request,
    ...(doc.admin ? { security: [{ adminToken: [] }] } : {}),
    responses,
  } as Parameters<App['openAPIRegistry']['registerPath']>[0]);
  const honoPath = doc.path.replace(/\{(\w+)\}/g, ':$1');
  if (doc.method === 'get') app.get(honoPath, handler);
  else app.post(honoPath, handler);
}
