import { InputError } from '../errors.js';
import { formatBytes } from '../format.js';

/**
 * Decodes a posting's bytes as UTF-8 text, rejecting empty, binary and over-limit input with a
 * one-line reason naming `label` (a file, `line 3`, `items[2]`). Shared by `jobsift classify`
 * and `POST /v1/classify`, so both refuse the same input the same way.
 */
export function decodePosting(bytes: Buffer, maxBytes: number, label: string): string {
  if (bytes.length > maxBytes) throw postingTooLarge(label, maxBytes);
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

/** The error for input over the size limit (code `input_too_large`; HTTP 413). */
export function postingTooLarge(label: string, maxBytes: number): InputError {
  return new InputError(
    'input_too_large',
    `${label}: is over the ${formatBytes(maxBytes)} limit; raise it with --max-bytes or JOBSIFT_MAX_INPUT_BYTES`,
  );
}
