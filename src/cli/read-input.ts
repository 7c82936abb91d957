import { createReadStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { InputError } from '../errors.js';
import { postingTooLarge } from '../posting/index.js';

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
      throw postingTooLarge(label, maxBytes);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
