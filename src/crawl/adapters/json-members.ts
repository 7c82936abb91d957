/**
 * A structural scan of a UTF-8 JSON body held as bytes: where the elements of one array member
 * of the top-level object lie, so that a board of tens of MB is parsed element by element and
 * never held whole as a string (twice its size once it has one non-Latin-1 character) beside
 * all of its parsed jobs. Only the structure is checked here (strings, brackets, commas);
 * JSON.parse checks each element.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

export interface ArrayMember {
  /** Byte offsets: element k is bytes[starts[k], ends[k]). */
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  /** The body with the array emptied (`"jobs":[]`), as JSON text. */
  readonly rest: string;
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function skipSpace(bytes: Uint8Array, at: number): number {
  let i = at;
  while (i < bytes.length && isSpace(bytes[i] as number)) i++;
  return i;
}

/** The offset just past the string that opens at `at` (a quote), or -1 when it never closes. */
function skipString(bytes: Uint8Array, at: number): number {
  for (let i = at + 1; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    if (byte === BACKSLASH) i++;
    else if (byte === QUOTE) return i + 1;
  }
  return -1;
}

/** The offset just past the value that starts at `at`, or -1 when it is cut short. */
function skipValue(bytes: Uint8Array, at: number): number {
  const first = bytes[at];
  if (first === QUOTE) return skipString(bytes, at);
  if (first === OPEN_OBJECT || first === OPEN_ARRAY) {
    let depth = 0;
    for (let i = at; i < bytes.length; i++) {
      const byte = bytes[i] as number;
      if (byte === QUOTE) {
        i = skipString(bytes, i) - 1;
        if (i < 0) return -1;
      } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
        depth++;
      } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return -1;
  }
  let i = at;
  while (i < bytes.length) {
    const byte = bytes[i] as number;
    if (byte === COMMA || byte === CLOSE_OBJECT || byte === CLOSE_ARRAY || isSpace(byte)) break;
    i++;
  }
  return i > at ? i : -1;
}

function keyIs(bytes: Uint8Array, start: number, end: number, key: string): boolean {
  // start and end enclose the quotes; a key written with escapes is not the key.
  if (end - start - 2 !== key.length) return false;
  for (let k = 0; k < key.length; k++) {
    if (bytes[start + 1 + k] !== key.charCodeAt(k)) return false;
  }
  return true;
}

/**
 * The elements of `key`'s array in a body that is a JSON object, or null when the body is not
 * an object, is cut short, or has no such array (the caller then parses it whole, and says
 * what is wrong with it).
 */
export function arrayMember(bytes: Uint8Array, key: string): ArrayMember | null {
  let i = skipSpace(bytes, 0);
  if (bytes[i] !== OPEN_OBJECT) return null;
  i = skipSpace(bytes, i + 1);
  let found: { open: number; close: number; starts: number[]; ends: number[] } | null = null;
  if (bytes[i] === CLOSE_OBJECT) return null;
  for (;;) {
    if (bytes[i] !== QUOTE) return null;
    const keyEnd = skipString(bytes, i);
    if (keyEnd < 0) return null;
    // A key given twice counts as JSON.parse counts it: the last one.
    const isKey = keyIs(bytes, i, keyEnd, key);
    i = skipSpace(bytes, keyEnd);
    if (bytes[i] !== COLON) return null;
    i = skipSpace(bytes, i + 1);
    if (isKey && bytes[i] === OPEN_ARRAY) {
      const open = i;
      const starts: number[] = [];
      const ends: number[] = [];
      i = skipSpace(bytes, i + 1);
      if (bytes[i] !== CLOSE_ARRAY) {
        for (;;) {
          const end = skipValue(bytes, i);
          if (end < 0) return null;
          starts.push(i);
          ends.push(end);
          i = skipSpace(bytes, end);
          if (bytes[i] === CLOSE_ARRAY) break;
          if (bytes[i] !== COMMA) return null;
          i = skipSpace(bytes, i + 1);
        }
      }
      found = { open, close: i, starts, ends };
      i++;
    } else {
      i = skipValue(bytes, i);
      if (i < 0) return null;
    }
    i = skipSpace(bytes, i);
    if (bytes[i] === CLOSE_OBJECT) break;
    if (bytes[i] !== COMMA) return null;
    i = skipSpace(bytes, i + 1);
  }
  if (skipSpace(bytes, i + 1) !== bytes.length || found === null) return null;
  const decoder = new TextDecoder();
  const rest =
    decoder.decode(bytes.subarray(0, found.open + 1)) + decoder.decode(bytes.subarray(found.close));
  return { starts: found.starts, ends: found.ends, rest };
}
