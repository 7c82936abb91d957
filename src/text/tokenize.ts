/**
 * A token of text: a word (letters, digits, inner apostrophes) or one punctuation character.
 * `norm` is the lowercase form used for matching; `start`/`end` index the tokenised string.
 */
export interface Token {
  readonly norm: string;
  readonly start: number;
  readonly end: number;
  /** Whitespace (or the start of text) separates this token from the one before. */
  readonly spaced: boolean;
  /** A line break lies between this token and the one before. */
  readonly lineBreak: boolean;
  readonly isWord: boolean;
  /**
   * Where the word's lowercase form sits in the table of words already seen (`wordSlot`), or -1
   * (punctuation, words with non-ASCII letters): a lookup keyed by the slot needs no hashing.
   */
  readonly slot: number;
}

const APOSTROPHES = new Set([0x27, 0x2019]);
const DASHES = new Set([0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212]);

function isWordCode(code: number): boolean {
  if (code < 0x80) {
    return (
      (code >= 0x61 && code <= 0x7a) ||
      (code >= 0x41 && code <= 0x5a) ||
      (code >= 0x30 && code <= 0x39)
    );
  }
  return WORD_CHAR.test(String.fromCharCode(code));
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

function isSpaceCode(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x2000 && code <= 0x200b) ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function normPunct(code: number): string {
  if (DASHES.has(code)) return '-';
  if (APOSTROPHES.has(code)) return "'";
  if (code === 0x201c || code === 0x201d) return '"';
  return String.fromCharCode(code);
}

/**
 * The lowercase forms of ASCII words already seen, by hash. A word seen before gets the same
 * string back instead of a new slice lowercased again, and map lookups keyed by it (the
 * lexicon's, the stems') reuse the hash V8 keeps in the string. Job ads reuse a small
 * vocabulary; the table is emptied when half full, so unusual words cannot grow it.
 */
const INTERN_SLOTS = 1 << 16;
/** How many slots the table of words already seen has (`Token.slot` is below it). */
export const WORD_SLOTS = INTERN_SLOTS;
const internHashes = new Int32Array(INTERN_SLOTS);
const internWords: (string | undefined)[] = new Array(INTERN_SLOTS).fill(undefined);
let internedCount = 0;
/** The slot of the word `internedAscii` returned last. */
let lastSlot = -1;

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

function lowerAscii(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code + 32 : code;
}

/** The interned lowercase form of text[start, end), all ASCII, whose FNV-1a hash is `hash`. */
function internedAscii(text: string, start: number, end: number, hash: number): string {
  const length = end - start;
  let slot = hash & (INTERN_SLOTS - 1);
  for (;;) {
    const word = internWords[slot];
    if (word === undefined) break;
    if (internHashes[slot] === hash && word.length === length) {
      let same = true;
      for (let offset = 0; offset < length; offset++) {
        if (lowerAscii(text.charCodeAt(start + offset)) !== word.charCodeAt(offset)) {
          same = false;
          break;
        }
      }
      if (same) {
        lastSlot = slot;
        return word;
      }
    }
    slot = (slot + 1) & (INTERN_SLOTS - 1);
  }
  const word = text.slice(start, end).toLowerCase();
  if (internedCount >= INTERN_SLOTS / 2) {
    internWords.fill(undefined);
    internedCount = 0;
    slot = hash & (INTERN_SLOTS - 1);
  }
  internWords[slot] = word;
  internHashes[slot] = hash;
  internedCount++;
  lastSlot = slot;
  return word;
}

/** Splits text into word and punctuation tokens in one pass over its characters. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const length = text.length;
  let spaced = true;
  let lineBreak = false;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (isSpaceCode(code)) {
      spaced = true;
      if (code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029) lineBreak = true;
      i++;
      continue;
    }
    if (isWordCode(code)) {
      const start = i;
      let ascii = code < 0x80;
      let hash = Math.imul(FNV_OFFSET ^ lowerAscii(code), FNV_PRIME);
      i++;
      while (i < length) {
        const next = text.charCodeAt(i);
        if (isWordCode(next)) {
          if (next >= 0x80) ascii = false;
          hash = Math.imul(hash ^ lowerAscii(next), FNV_PRIME);
          i++;
        } else if (APOSTROPHES.has(next) && i + 1 < length && isWordCode(text.charCodeAt(i + 1))) {
          const after = text.charCodeAt(i + 1);
          if (next !== 0x27 || after >= 0x80) ascii = false;
          hash = Math.imul(Math.imul(hash ^ next, FNV_PRIME) ^ lowerAscii(after), FNV_PRIME);
          i += 2;
        } else {
          break;
        }
      }
      let norm: string;
      let slot = -1;
      if (ascii) {
        norm = internedAscii(text, start, i, hash);
        slot = lastSlot;
      } else {
        norm = text.slice(start, i).toLowerCase();
        if (norm.includes('\u2019')) norm = norm.replaceAll('\u2019', "'");
      }
      tokens.push({ norm, start, end: i, spaced, lineBreak, isWord: true, slot });
    } else {
      tokens.push({
        norm: normPunct(code),
        start: i,
        end: i + 1,
        spaced,
        lineBreak,
        isWord: false,
        slot: -1,
      });
      i++;
    }
    spaced = false;
    lineBreak = false;
  }
  return tokens;
}
