import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import type { z } from 'zod';
import { exportQuery, filtersOf, postingsQuery } from '../api/index.js';
import type { Config } from '../config.js';
import { InputError } from '../errors.js';
import { openStack } from '../pipeline/index.js';
import { DEFAULT_RULES_DIR, formatIssue, loadRules } from '../rules/index.js';
import { exportLines, listPostings } from '../stats/index.js';
import type { CommandIo } from './classify-command.js';
import { requireKnownIds } from './pipeline-commands.js';

/** The flags of `jobsift postings` and `jobsift export`, as commander gives them. */
export interface PostingFlags {
  role?: string;
  skill?: string;
  requirement?: string;
  source?: string;
  company?: string;
  remote?: string;
  from?: string;
  to?: string;
  q?: string;
  cursor?: string;
  limit?: string;
  format?: string;
  out?: string;
}

/** Checks the flags with the schema GET /v1/postings uses; a bad one is one line naming it. */
function parseFlags<T>(schema: z.ZodType<T>, flags: PostingFlags): T {
  const { out: _out, ...query } = flags;
  const result = schema.safeParse(query, { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0] as z.core.$ZodIssue;
  const flag = issue.path.length > 0 ? `--${String(issue.path[0])}` : 'flags';
  throw new InputError(
    'invalid_flag',
    `${flag}: ${formatIssue({ ...issue, path: issue.path.slice(1) } as z.core.$ZodIssue)}`,
  );
}

function checkIds(
  config: Config,
  filters: { role?: string | undefined; skill?: string | undefined },
): void {
  const rules = loadRules(config.rulesDir);
  const ids: { role?: string; skill?: string } = {};
  if (filters.role !== undefined) ids.role = filters.role;
  if (filters.skill !== undefined) ids.skill = filters.skill;
  requireKnownIds(ids, rules, config.rulesDir ?? DEFAULT_RULES_DIR);
}

/** `jobsift postings`: one page of the postings behind the numbers, as JSON. */
export async function runPostings(
  config: Config,
  flags: PostingFlags,
  io: CommandIo,
): Promise<number> {
  const query = parseFlags(postingsQuery, flags);
  checkIds(config, query);
  const stack = await openStack(config);
  try {
    const page = await listPostings(stack.redis, stack.prefix, filtersOf(query), {
      cursor: query.cursor,
      limit: query.limit,
    });
    io.stdout.write(`${JSON.stringify(page, null, 2)}\n`);
    if (page.next !== null) {
      io.stderr.write(`jobsift: more postings: add --cursor ${page.next}\n`);
    }
    return 0;
  } finally {
    await stack.close();
  }
}

function write(stream: Writable, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (stream.write(chunk)) resolve();
    else {
      const onDrain = () => {
        stream.off('error', onError);
        resolve();
      };
      const onError = (error: Error) => {
        stream.off('drain', onDrain);
        reject(error);
      };
      stream.once('drain', onDrain);
      stream.once('error', onError);
    }
  });
}

/**
 * `jobsift export --format jsonl|csv [--out FILE]`: every posting that matches, streamed from
 * Redis in batches (flat memory). With --out, written to FILE.partial and renamed when done, so
 * FILE is never half a file.
 */
export async function runExport(
  config: Config,
  flags: PostingFlags,
  io: CommandIo,
): Promise<number> {
  const query = parseFlags(exportQuery, flags);
  checkIds(config, query);
  const stack = await openStack(config);
  const partial = flags.out === undefined ? undefined : `${flags.out}.partial`;
  const out: Writable = partial === undefined ? io.stdout : createWriteStream(partial);
  let count = 0;
  try {
    const started = performance.now();
    for await (const chunk of exportLines(
      stack.redis,
      stack.prefix,
      filtersOf(query),
      query.format,
    )) {
      count += chunk.split('\n').length - 1;
      await write(out, chunk);
    }
    if (query.format === 'csv') count -= 1;
    if (partial !== undefined && flags.out !== undefined) {
      await new Promise<void>((resolve, reject) =>
        out.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
      await rename(partial, flags.out);
    }
    const seconds = (performance.now() - started) / 1000;
    io.stderr.write(
      `jobsift export: ${count} postings as ${query.format} to ${flags.out ?? 'standard output'} in ${seconds.toFixed(1)} s\n`,
    );
    return 0;
  } catch (error) {
    if (partial !== undefined) {
      out.destroy();
      await rm(partial, { force: true });
    }
    throw error;
  } finally {
    await stack.close();
  }
}
