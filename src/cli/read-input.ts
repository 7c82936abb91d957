import { createReadStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { InputError } from '../errors.js';
import { formatBytes } from '../format.js';

/** Where a command reads from: a file path, or standard input when the path is absent or "-". */
export function openInput(
  path: string | undefined,
  stdin: Readable & { isTTY?: boolean },
): Readable {
  if (path === undefined || path === '-') {
    if (stdin.isTTY) {
      throw new InputError('no_input', 'no input: pass a FILE or pipe a posting on standard input');
    }
    return stdin;
  }
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      'no_input',
      `${path}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code})`}`,
    );
  }
  if (stats.isDirectory()) throw new InputError('no_input', `${path}: is a folder, not a file`);
  return createReadStream(path);
}

/** Reads a whole stream, refusing more than `maxBytes` before it has all been read. */
export async function readAll(stream: Readable, maxBytes: number, label: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > maxBytes) {
      stream.destroy();
      throw tooLarge(label, maxBytes);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Decodes UTF-8 text, rejecting empty, binary and over-limit input with a one-line reason. */
export function decodePosting(bytes: Buffer, maxBytes: number, label: string): string {
  if (bytes.length > maxBytes) throw tooLarge(label, maxBytes);
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new InputError(
      'binary_input',
      `${label}: looks binary (a NUL byte at offset ${nul}); pass a posting as text or HTML`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(
      'binary_input',
      `${label}: is not UTF-8 text; pass a posting as text or HTML`,
    );
  }
  if (text.trim().length === 0) {
    throw new InputError(
      'empty_input',
      `${label}: is empty; pass a posting's description as text or HTML`,
    );
  }
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

function tooLarge(label: string, maxBytes: number): InputError {
  return new InputError(
    'input_too_large',
    `${label}: is over the ${formatBytes(maxBytes)} limit; raise it with --max-bytes or JOBSIFT_MAX_INPUT_BYTES`,
  );
}
