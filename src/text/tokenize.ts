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
      i++;
      while (i < length) {
        const next = text.charCodeAt(i);
        if (isWordCode(next)) {
          i++;
        } else if (APOSTROPHES.has(next) && i + 1 < length && isWordCode(text.charCodeAt(i + 1))) {
          i += 2;
        } else {
          break;
        }
      }
      let norm = text.slice(start, i).toLowerCase();
      if (norm.includes('\u2019')) norm = norm.replaceAll('\u2019', "'");
      tokens.push({ norm, start, end: i, spaced, lineBreak, isWord: true });
    } else {
      tokens.push({
        norm: normPunct(code),
        start: i,
        end: i + 1,
        spaced,
        lineBreak,
        isWord: false,
      });
      i++;
    }
    spaced = false;
    lineBreak = false;
  }
  return tokens;
}
