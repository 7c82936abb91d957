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
