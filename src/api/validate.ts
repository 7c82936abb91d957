import type { z } from 'zod';
import { formatIssue } from '../rules/index.js';
import { HttpError } from './http-error.js';

/** Where a value came from, for the error code and message. */
export type Part = 'query' | 'body' | 'path';

/**
 * Parses a request part with the route's zod schema (the same one its OpenAPI entry shows).
 * A mismatch is a 400 whose message names the field, what was expected and what was received,
 * with every zod issue in `details`.
 */
export function parseRequest<T>(schema: z.ZodType<T>, value: unknown, part: Part): T {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const issues = result.error.issues;
  const first = issues[0];
  const where = part === 'body' ? 'body' : `${part} parameter`;
  let message = `${where} ${first === undefined ? 'invalid' : formatIssue(first as z.core.$ZodIssue)}`;
  if (first?.code === 'unrecognized_keys' && first.path.length === 0 && part !== 'body') {
    const known = 'shape' in schema ? Object.keys((schema as z.ZodObject).shape) : [];
    const names = first.keys.map((key) => `"${key}"`).join(', ');
    message = `unknown ${where}${first.keys.length > 1 ? 's' : ''} ${names}; ${known.length === 0 ? 'this route takes none' : `expected one of ${known.join(', ')}`}`;
  }
  throw new HttpError(400, `invalid_${part}`, message, {
    details: issues.map(({ path, code, message: text }) => ({ path, code, message: text })),
  });
}
