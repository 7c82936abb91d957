/**
 * Parses the JSON of a `<script type="application/ld+json">` block as hand-edited pages write
 * it. `JSON.parse` first; when that fails, after repairing what CMS snippets commonly get wrong:
 * HTML comment and CDATA wrappers, raw control characters (newlines, tabs) and invalid escapes
 * (`\'`) inside strings, `//` and `/* *\/` comments, and trailing commas. Unescaped quotes
 * inside strings cannot be repaired.
 *
 * @throws SyntaxError (one line) when the block is not JSON even after repair.
 */
export function parseLenientJson(raw: string): unknown {
  const unwrapped = stripWrappers(raw);
  try {
    return JSON.parse(unwrapped);
  } catch {
    // Repair below, then try once more.
  }
  try {
    return JSON.parse(removeTrailingCommas(repairStringsAndComments(unwrapped)));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new SyntaxError(message.split('\n')[0] ?? message);
  }
}

const CDATA_OPEN = /^(?:\/\/|\/\*)?[ \t]*<!\[CDATA\[(?:[ \t]*\*\/)?/;
const CDATA_CLOSE = /(?:\/\/|\/\*)?[ \t]*\]\]>(?:[ \t]*\*\/)?$/;

/** Strips a BOM and any `<!-- … -->` / `<![CDATA[ … ]]>` (also `//`-commented) wrappers. */
function stripWrappers(raw: string): string {
  let s = raw.replace(/^\uFEFF/, '').trim();
  for (;;) {
    const next = s
      .replace(/^<!--/, '')
      .replace(/-->$/, '')
      .replace(CDATA_OPEN, '')
      .replace(CDATA_CLOSE, '')
      .trim();
    if (next === s) return s;
    s = next;
  }
}

const VALID_ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't', 'u']);

function escapeControl(char: string): string {
  if (char === '\n') return '\\n';
  if (char === '\r') return '\\r';
  if (char === '\t') return '\\t';
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

function isControl(char: string): boolean {
  return char.charCodeAt(0) < 0x20;
}

/** Escapes control characters inside strings, drops invalid escapes, strips comments. */
function repairStringsAndComments(s: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < s.length; i++) {
    const char = s[i] as string;
    if (inString) {
      if (char === '\\') {
        const next = s[i + 1];
        i++;
        if (next === undefined) out += '\\\\';
        else if (VALID_ESCAPES.has(next)) out += `\\${next}`;
        else out += isControl(next) ? escapeControl(next) : next;
      } else if (char === '"') {
        inString = false;
        out += char;
      } else {
        out += isControl(char) ? escapeControl(char) : char;
      }
    } else if (char === '"') {
      inString = true;
      out += char;
    } else if (char === '/' && s[i + 1] === '/') {
      const end = s.indexOf('\n', i);
      i = end < 0 ? s.length : end - 1;
    } else if (char === '/' && s[i + 1] === '*') {
      const end = s.indexOf('*/', i + 2);
      i = end < 0 ? s.length : end + 1;
    } else {
      out += char;
    }
  }
  return out;
}

/** Drops commas that are followed (after whitespace) by `}` or `]`, outside strings. */
function removeTrailingCommas(s: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < s.length; i++) {
    const char = s[i] as string;
    if (inString) {
      if (char === '\\') {
        out += char + (s[i + 1] ?? '');
        i++;
        continue;
      }
      if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === ',') {
      let j = i + 1;
      while (j < s.length && /\s/.test(s[j] as string)) j++;
      if (s[j] === '}' || s[j] === ']') continue;
    }
    out += char;
  }
  return out;
}
