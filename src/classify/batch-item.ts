import { z } from 'zod';
import { describeError, InputError, isJobsiftError } from '../errors.js';
import { decodePosting } from '../posting/index.js';
import { type CompiledRules, formatIssue } from '../rules/index.js';
import { enrich } from './enrich.js';
import type { Enrichment } from './types.js';

export type BatchId = string | number;

/** One result of a batch: the item's id and its Enrichment, or its id and why it failed. */
export type BatchOutput =
  | ({ id?: BatchId } & Enrichment)
  | { id?: BatchId | null; error: { code: string; message: string } };

const itemFields = {
  title: z.string().nullish(),
  description: z.string().nullish(),
};
const hasText = (item: {
  title?: string | null | undefined;
  description?: string | null | undefined;
}) => (item.title ?? '').trim() !== '' || (item.description ?? '').trim() !== '';
const textMessage = { message: 'expected a non-empty "title" or "description" (or both)' };

/** A batch item of `jobsift classify --jsonl`: an id, and a title or description (or both). */
export const batchLineSchema = z
  .object({ id: z.union([z.string().min(1), z.number()]), ...itemFields })
  .refine(hasText, textMessage);

/** A batch item of `POST /v1/classify/batch`: the same, with the id optional. */
export const batchItemSchema = z
  .object({ id: z.union([z.string().min(1), z.number()]).optional(), ...itemFields })
  .refine(hasText, textMessage);

/**
 * Classifies one already-parsed batch item, the `--jsonl` way: a bad item gives its id (when it
 * has a usable one) and `{code, message}` whose message starts with `label`; it never throws.
 */
export function classifyBatchItem(
  item: unknown,
  label: string,
  options: { maxBytes: number; requireId: boolean },
  rules: CompiledRules,
): BatchOutput {
  let id: BatchId | null = null;
  try {
    if (item !== null && typeof item === 'object' && 'id' in item) {
      const candidate = (item as { id: unknown }).id;
      if (typeof candidate === 'string' || typeof candidate === 'number') id = candidate;
    }
    const schema = options.requireId ? batchLineSchema : batchItemSchema;
    const result = schema.safeParse(item, { reportInput: true });
    if (!result.success) {
      throw new InputError(
        'invalid_line',
        `${label}: ${formatIssue(result.error.issues[0] as z.core.$ZodIssue)}`,
      );
    }
    const title = result.data.title?.trim() ?? '';
    const description = result.data.description ?? '';
    if (description.trim() !== '') {
      decodePosting(Buffer.from(description), options.maxBytes, `${label}: description`);
    }
    const enrichment = enrich({ title, description }, rules);
    return result.data.id === undefined ? enrichment : { id: result.data.id, ...enrichment };
  } catch (error) {
    const code = isJobsiftError(error) ? error.code : 'internal_error';
    const failure = { code, message: describeError(error) };
    return id === null && !options.requireId ? { error: failure } : { id, error: failure };
  }
}

/**
 * Classifies one JSON Lines line of a batch (`jobsift classify --jsonl`, or an
 * `application/x-ndjson` body): a line over the size limit or not JSON gets its error with
 * `id: null` (a line over the limit keeps the id it starts with, when it does), then the item
 * rules of `classifyBatchItem`. Never throws.
 */
export function classifyJsonLine(
  line: string,
  label: string,
  options: { maxBytes: number; requireId: boolean },
  rules: CompiledRules,
): BatchOutput {
  let parsed: unknown;
  let id: string | number | null = null;
  try {
    if (Buffer.byteLength(line) > options.maxBytes) {
      id = leadingId(line);
      decodePosting(Buffer.from(line), options.maxBytes, label);
    }
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      throw new InputError('invalid_json', `${label}: not valid JSON (${describeError(error)})`);
    }
  } catch (error) {
    const code = isJobsiftError(error) ? error.code : 'internal_error';
    return { id, error: { code, message: describeError(error) } };
  }
  return classifyBatchItem(parsed, label, options, rules);
}

/** `{"id": "abc", …` or `{"id": 42, …`: the id of a line too long to parse, when it comes first. */
const LEADING_ID = /^\s*\{\s*"id"\s*:\s*("(?:[^"\\\n]|\\.){1,1000}"|-?\d{1,20}(?:\.\d+)?)\s*[,}]/;

function leadingId(line: string): string | number | null {
  const match = LEADING_ID.exec(line.slice(0, 2_100));
  if (match?.[1] === undefined) return null;
  try {
    const id: unknown = JSON.parse(match[1]);
    return (typeof id === 'string' && id !== '') || typeof id === 'number' ? id : null;
  } catch {
    return null;
  }
}
