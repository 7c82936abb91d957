import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { z } from 'zod';
import { type Enrichment, enrich } from '../classify/index.js';
import type { Config } from '../config.js';
import { describeError, InputError, isJobsiftError } from '../errors.js';
import { type CompiledRules, formatIssue } from '../rules/index.js';
import { formatSummary } from './format-summary.js';
import { decodePosting, openInput, readAll } from './read-input.js';

export interface ClassifyOptions {
  readonly title?: string;
  readonly json?: boolean;
  readonly jsonl?: boolean;
}

export interface CommandIo {
  readonly stdin: Readable & { isTTY?: boolean };
  readonly stdout: Writable;
  readonly stderr: Writable & { isTTY?: boolean };
}

/** `jobsift classify [FILE]`: one posting, or a JSONL batch with --jsonl. Returns the exit code. */
export async function runClassify(
  file: string | undefined,
  options: ClassifyOptions,
  config: Config,
  rules: CompiledRules,
  io: CommandIo,
): Promise<number> {
  const label = file && file !== '-' ? file : 'standard input';
  if (options.jsonl) return classifyBatch(openInput(file, io.stdin), config, rules, io);

  const title = options.title?.trim() ?? '';
  // A title alone is a posting too: `classify --title T` at a terminal reads no description.
  const titleOnly = title.length > 0 && file === undefined && io.stdin.isTTY === true;
  const bytes = titleOnly
    ? Buffer.alloc(0)
    : await readAll(openInput(file, io.stdin), config.maxInputBytes, label);
  const description =
    title.length > 0 && bytes.toString('utf8').trim().length === 0
      ? ''
      : decodePosting(bytes, config.maxInputBytes, label);
  const enrichment = enrich({ title, description }, rules);
  await write(
    io.stdout,
    options.json
      ? `${JSON.stringify(enrichment, null, 2)}\n`
      : formatSummary(title, enrichment, rules),
  );
  return 0;
}

const batchLineSchema = z
  .object({
    id: z.union([z.string().min(1), z.number()]),
    title: z.string().nullish(),
    description: z.string().nullish(),
  })
  .refine((line) => (line.title ?? '').trim() !== '' || (line.description ?? '').trim() !== '', {
    message: 'expected a non-empty "title" or "description" (or both)',
  });

async function classifyBatch(
  input: Readable,
  config: Config,
  rules: CompiledRules,
  io: CommandIo,
): Promise<number> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  const progress = io.stderr.isTTY ? startProgress(io.stderr) : undefined;
  let lineNumber = 0;
  let failures = 0;
  try {
    for await (const line of lines) {
      lineNumber++;
      if (line.trim().length === 0) continue;
      const output = classifyLine(line, lineNumber, config, rules);
      if ('error' in output) failures++;
      await write(io.stdout, `${JSON.stringify(output)}\n`);
      progress?.tick(lineNumber, failures);
    }
  } finally {
    progress?.stop(lineNumber, failures);
  }
  return failures > 0 ? 2 : 0;
}

type BatchOutput =
  | ({ id: string | number } & Enrichment)
  | { id: string | number | null; error: { code: string; message: string } };

function classifyLine(
  line: string,
  lineNumber: number,
  config: Config,
  rules: CompiledRules,
): BatchOutput {
  let id: string | number | null = null;
  try {
    if (Buffer.byteLength(line) > config.maxInputBytes) {
      id = leadingId(line);
      decodePosting(Buffer.from(line), config.maxInputBytes, `line ${lineNumber}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      throw new InputError(
        'invalid_json',
        `line ${lineNumber}: not valid JSON (${describeError(error)})`,
      );
    }
    if (parsed !== null && typeof parsed === 'object' && 'id' in parsed) {
      const candidate = (parsed as { id: unknown }).id;
      if (typeof candidate === 'string' || typeof candidate === 'number') id = candidate;
    }
    const result = batchLineSchema.safeParse(parsed, { reportInput: true });
    if (!result.success) {
      throw new InputError(
        'invalid_line',
        `line ${lineNumber}: ${formatIssue(result.error.issues[0] as z.core.$ZodIssue)}`,
      );
    }
    const title = result.data.title?.trim() ?? '';
    const description = result.data.description ?? '';
    if (description.trim() !== '') {
      decodePosting(
        Buffer.from(description),
        config.maxInputBytes,
        `line ${lineNumber}: description`,
      );
    }
    return { id: result.data.id, ...enrich({ title, description }, rules) };
  } catch (error) {
    const code = isJobsiftError(error) ? error.code : 'internal_error';
    return { id, error: { code, message: describeError(error) } };
  }
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

function startProgress(stderr: Writable) {
  let last = 0;
  return {
    tick(lines: number, failures: number) {
      const now = Date.now();
      if (now - last < 200) return;
      last = now;
      stderr.write(`\rclassified ${lines} lines, ${failures} failed`);
    },
    stop(lines: number, failures: number) {
      stderr.write(`\rclassified ${lines} lines, ${failures} failed\n`);
    },
  };
}

function write(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}
