import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { type BatchOutput, classifyBatchItem, enrich } from '../classify/index.js';
import { describeError } from '../errors.js';
import { decodePosting, postingTooLarge } from '../posting/index.js';
import { HttpError } from './http-error.js';
import { type ApiDeps, type App, route } from './route.js';
import { batchBody, classifyBody, classifyQuery, MAX_BATCH } from './schemas.js';
import { parseRequest } from './validate.js';

/** A batch body may be this many times the one-posting limit (each item still within it). */
export const BATCH_BODY_FACTOR = 10;
const TEXT_TYPES = ['text/plain', 'text/html'];
/** Items classified between two yields to the event loop, so a big batch never stalls the server. */
const YIELD_EVERY = 25;

const enrichmentDoc = z
  .looseObject({
    role: z.object({ id: z.string(), name: z.string(), family: z.string(), score: z.number() }),
    roles: z.array(z.object({ id: z.string(), score: z.number() })),
    reasons: z.array(z.looseObject({ kind: z.string(), text: z.string(), role: z.string() })),
    skills: z.array(
      z.looseObject({
        id: z.string(),
        name: z.string(),
        requirement: z.enum(['required', 'preferred', 'mentioned', 'negated']),
        mentions: z.array(z.object({ text: z.string(), start: z.number(), end: z.number() })),
      }),
    ),
  })
  .meta({
    id: 'Enrichment',
    description: 'design.md "Enrichment": role, scores, reasons, skills, facts',
  });

function mediaType(c: Context): string {
  return (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function unsupported(type: string, accepted: readonly string[]): HttpError {
  return new HttpError(
    415,
    'unsupported_media_type',
    `Content-Type ${type === '' ? '(none)' : `"${type}"`} is not accepted here; send ${accepted.join(', ')}`,
  );
}

async function jsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, 'invalid_json', `body: not valid JSON (${describeError(error)})`);
  }
}

const tooLarge = (maxBytes: number) => () => {
  throw postingTooLarge('body', maxBytes);
};

export function classifyRoutes(app: App, { rules, config }: ApiDeps): void {
  const maxBytes = config.maxInputBytes;
  app.use('/v1/classify', bodyLimit({ maxSize: maxBytes, onError: tooLarge(maxBytes) }));
  app.use(
    '/v1/classify/batch',
    bodyLimit({
      maxSize: maxBytes * BATCH_BODY_FACTOR,
      onError: tooLarge(maxBytes * BATCH_BODY_FACTOR),
    }),
  );

  route(
    app,
    {
      method: 'post',
      path: '/v1/classify',
      tag: 'classify',
      summary: 'Classify one posting: role, scores, reasons and skills (no Redis, no state)',
      description:
        'JSON `{title?, description?}` (at least one), or the description itself as a `text/plain` or `text/html` body with `?title=`.',
      query: classifyQuery,
      body: {
        'application/json': classifyBody,
        'text/plain': z.string(),
        'text/html': z.string(),
      },
      response: { description: 'the Enrichment', schema: enrichmentDoc },
      errors: [400, 413, 415],
    },
    async (c) => {
      const type = mediaType(c);
      const query = parseRequest(classifyQuery, c.req.query(), 'query');
      let title: string;
      let description: string;
      if (type === 'application/json') {
        const body = parseRequest(classifyBody, await jsonBody(c), 'body');
        title = (body.title ?? query.title ?? '').trim();
        description = body.description ?? '';
        if (description.trim() !== '') {
          description = decodePosting(Buffer.from(description), maxBytes, 'description');
        }
      } else if (TEXT_TYPES.includes(type)) {
        const bytes = Buffer.from(await c.req.arrayBuffer());
        title = (query.title ?? '').trim();
        description =
          title !== '' && bytes.toString('utf8').trim() === ''
            ? ''
            : decodePosting(bytes, maxBytes, 'body');
      } else {
        throw unsupported(type, ['application/json', ...TEXT_TYPES]);
      }
      return c.json(enrich({ title, description }, rules));
    },
  );

  route(
    app,
    {
      method: 'post',
      path: '/v1/classify/batch',
      tag: 'classify',
      summary: `Classify up to ${MAX_BATCH} postings; a bad item gets its error and the rest go on`,
      description:
        'The `jobsift classify --jsonl` rules: each item `{id?, title?, description?}` gives `{id?, ...Enrichment}` or `{id?, error: {code, message}}`, in input order.',
      body: { 'application/json': batchBody },
      response: {
        description: '`results` in input order and how many `failed`',
        schema: z.object({
          results: z.array(
            z.union([enrichmentDoc, z.object({ id: z.unknown(), error: z.unknown() })]),
          ),
          failed: z.number().int(),
        }),
      },
      errors: [400, 413, 415],
    },
    async (c) => {
      const type = mediaType(c);
      if (type !== 'application/json') throw unsupported(type, ['application/json']);
      const body = parseRequest(batchBody, await jsonBody(c), 'body');
      const { items } = body;
      const results: BatchOutput[] = [];
      let failed = 0;
      for (const [index, item] of items.entries()) {
        if (index > 0 && index % YIELD_EVERY === 0) await new Promise((done) => setImmediate(done));
        const result = classifyBatchItem(
          item,
          `items[${index}]`,
          { maxBytes, requireId: false },
          rules,
        );
        if ('error' in result) failed++;
        results.push(result);
      }
      return c.json({ results, failed });
    },
  );
}
