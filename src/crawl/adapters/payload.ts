import { z } from 'zod';
import { formatIssue } from '../../rules/index.js';
import {
  type DraftPosting,
  describeValue,
  isRecord,
  nativeId,
  type ResultCollector,
  trimmed,
  unexpectedBody,
} from './posting-fields.js';
import type { AdapterContext } from './types.js';

/**
 * A response body checked against the shape its source type returns. One of another shape
 * (an error page, a changed API) will not improve on retry: `InputError`, naming the field,
 * what was expected and what was received.
 */
export function parseEnvelope<T>(
  schema: z.ZodType<T>,
  body: unknown,
  ctx: AdapterContext,
  expected: string,
): T {
  const parsed = schema.safeParse(body, { reportInput: true });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const error = unexpectedBody(ctx, expected, body);
  if (issue !== undefined && issue.path.length > 0) {
    error.message = `${error.message} (${formatIssue(issue)})`;
  }
  throw error;
}

/**
 * Validates each item of a response with `schema` and maps the valid ones. A bad item is a
 * failure whose reason names the item (`jobs[3].title: expected a non-empty string, received
 * null`), with its native id when it has one; the other items still count.
 */
export function eachItem<T>(
  items: readonly unknown[],
  schema: z.ZodType<T>,
  out: ResultCollector,
  label: string,
  map: (item: T, index: number) => DraftPosting | undefined,
  idOf: (raw: Record<string, unknown>) => unknown = (raw) => raw.id,
): void {
  items.forEach((raw, index) => {
    const parsed = schema.safeParse(raw, { reportInput: true });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = `${label}[${index}]`;
      const reason =
        issue === undefined
          ? `${where}: expected an item, received ${describeValue(raw)}`
          : `${where}${issue.path.length > 0 ? '.' : ': '}${formatIssue(issue)}`;
      const sourceId = isRecord(raw) ? nativeId(idOf(raw)) : undefined;
      const url = isRecord(raw) ? trimmed(raw.url) : undefined;
      out.fail(reason, sourceId, url);
      return;
    }
    const draft = map(parsed.data, index);
    if (draft !== undefined) out.add(draft);
  });
}

/** A native id as APIs give it: a non-empty string or an integer. */
export const idField = z.union([z.string().trim().min(1), z.number().int()], {
  error: 'expected an id (a non-empty string or an integer)',
});
