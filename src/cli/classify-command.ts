import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { type BatchOutput, classifyBatchItem, enrich } from '../classify/index.js';
import type { Config } from '../config.js';
import { describeError, InputError, isJobsiftError } from '../errors.js';
import { decodePosting } from '../posting/index.js';
import type { CompiledRules } from '../rules/index.js';
import { formatSummary } from './format-summary.js';
import { openInput, readAll } from './read-input.js';

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

/** One --jsonl line: its size, its JSON, then the batch item rules shared with the HTTP API. */
function classifyLine(
  line: string,
  lineNumber: number,
  config: Config,
  rules: CompiledRules,
): BatchOutput {
  const label = `line ${lineNumber}`;
  let parsed: unknown;
  try {
    if (Buffer.byteLength(line) > config.maxInputBytes) {
      decodePosting(Buffer.from(line), config.maxInputBytes, label);
    }
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      throw new InputError('invalid_json', `${label}: not valid JSON (${describeError(error)})`);
    }
  } catch (error) {
    const code = isJobsiftError(error) ? error.code : 'internal_error';
    return { id: null, error: { code, message: describeError(error) } };
  }
  return classifyBatchItem(
    parsed,
    label,
    { maxBytes: config.maxInputBytes, requireId: true },
    rules,
  );
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
