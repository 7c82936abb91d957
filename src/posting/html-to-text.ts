import { Parser } from 'htmlparser2';
import { isCollapsibleSpace, TextBuilder } from './text-builder.js';
import type { TextDocument } from './types.js';

/** Elements whose content is never text of the posting. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'svg']);

/**
 * Block elements and the break they ask for before (`open`) and after (`close`) themselves:
 * 1 = new line, 2 = blank line. Paragraph-like blocks are separated by a blank line; a heading
 * has a blank line before it and a plain line break after it (so a list right under a heading
 * stays attached to it); a list starts on the next line and is followed by a blank line.
 */
const BLOCKS = new Map<string, readonly [1 | 2, 1 | 2]>([
  ['p', [2, 2]],
  ['blockquote', [2, 2]],
  ['pre', [2, 2]],
  ['h1', [2, 1]],
  ['h2', [2, 1]],
  ['h3', [2, 1]],
  ['h4', [2, 1]],
  ['h5', [2, 1]],
  ['h6', [2, 1]],
  ['ul', [1, 2]],
  ['ol', [1, 2]],
  ['dl', [1, 2]],
  ['dt', [1, 1]],
  ['dd', [1, 1]],
  ['div', [1, 1]],
  ['section', [1, 1]],
  ['article', [1, 1]],
  ['header', [1, 1]],
  ['footer', [1, 1]],
  ['main', [1, 1]],
  ['nav', [1, 1]],
  ['aside', [1, 1]],
  ['figure', [1, 1]],
  ['figcaption', [1, 1]],
  ['address', [1, 1]],
  ['center', [1, 1]],
  ['details', [1, 1]],
  ['summary', [1, 1]],
  ['form', [1, 1]],
  ['fieldset', [1, 1]],
  ['legend', [1, 1]],
  ['table', [1, 1]],
  ['caption', [1, 1]],
  ['tr', [1, 1]],
  ['hr', [1, 1]],
  ['body', [1, 1]],
  ['html', [1, 1]],
]);

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Open elements the parser keeps at most; real postings nest a few dozen deep. */
export const MAX_OPEN_ELEMENTS = 256;

/**
 * htmlparser2 keeps its open elements in an array, top first, that it `unshift`s and `shift`s
 * and searches with `indexOf` on every close tag: each tag costs time in proportion to the depth,
 * so deeply nested markup takes time in the square of its length (300 KB of `<div><span>` took
 * 0.6 s, 2 MB minutes). The array given to the parser refuses to grow past MAX_OPEN_ELEMENTS;
 * the parser then treats a tag opened beyond that depth as never opened (its text is kept), and
 * `refusedLast()` tells the handlers to ignore it too, so that their open and close counts stay
 * balanced. It stays a plain array with one own method (a subclass of Array made every `shift`
 * take V8's slow path: HTML to text ran 2.4 times slower).
 */
function boundedOpenElements(): { stack: string[]; refusedLast(): boolean } {
  const stack: string[] = [];
  let refused = false;
  stack.unshift = (name: string): number => {
    if (stack.length >= MAX_OPEN_ELEMENTS) {
      refused = true;
      return stack.length;
    }
    return Array.prototype.unshift.call(stack, name);
  };
  return {
    stack,
    refusedLast() {
      const last = refused;
      refused = false;
      return last;
    },
  };
}

/** Prefix written before each list item's text. */
const LIST_ITEM_PREFIX = '- ';
/** Written between two table cells of a row. */
const CELL_SEPARATOR = ' | ';

/**
 * Converts HTML to readable plain text that keeps the structure a reader (and the extractors)
 * rely on: blocks on their own lines, blank lines between paragraphs, `- ` list items, ` | `
 * between table cells, headings recorded as ranges. Whitespace is collapsed (except in `<pre>`),
 * `&nbsp;` becomes a space, and script/style/noscript/template/head/title/svg are skipped.
 *
 * `sourceOffsets[i]` is the index in `html` of the source of `text[i]`: exact for literal text;
 * every char decoded from one entity maps to the entity's `&`; a collapsed space maps to the first
 * whitespace char of its run; line breaks, `- ` and ` | ` map to the tag that caused them.
 */
export function htmlToText(html: string): TextDocument {
  const out = new TextBuilder();
  let skipDepth = 0;
  let liDepth = 0;
  let headingDepth = 0;
  let preDepth = 0;
  let boldDepth = 0;
  let boldCounter = 0;
  const openElements = boundedOpenElements();
  let ignoredOpen = false;

  const parser: Parser = new Parser(
    {
      // Called right after the parser has (or has not) put the element on its stack.
      onopentagname() {
        ignoredOpen = openElements.refusedLast();
      },

      onopentag(name) {
        if (ignoredOpen) return;
        if (skipDepth > 0 || SKIPPED.has(name)) {
          if (SKIPPED.has(name)) skipDepth++;
          return;
        }
        const src = parser.startIndex;
        if (name === 'br') {
          out.hardBreak(src);
          return;
        }
        if (name === 'li') {
          liDepth++;
          out.startListItem(LIST_ITEM_PREFIX, src);
          return;
        }
        if (name === 'td' || name === 'th') {
          out.separator(CELL_SEPARATOR, src);
          return;
        }
        if (name === 'strong' || name === 'b') {
          if (boldDepth === 0) out.boldId = ++boldCounter;
          boldDepth++;
          return;
        }
        const block = BLOCKS.get(name);
        if (block === undefined) return;
        out.requestBreak(liDepth > 0 ? 1 : block[0], src);
        if (HEADINGS.has(name)) {
          headingDepth++;
          out.inHeading = true;
        } else if (name === 'pre') {
          preDepth++;
          out.verbatim = true;
        }
      },

      onclosetag(name) {
        if (skipDepth > 0) {
          if (SKIPPED.has(name)) skipDepth--;
          return;
        }
        const src = parser.startIndex;
        if (name === 'li') {
          liDepth--;
          out.endListItem();
          out.requestBreak(1, src);
          return;
        }
        if (name === 'strong' || name === 'b') {
          boldDepth--;
          if (boldDepth === 0) out.boldId = -1;
          return;
        }
        if (name === 'br') return;
        const block = BLOCKS.get(name);
        if (block === undefined) return;
        if (HEADINGS.has(name)) {
          headingDepth--;
          out.inHeading = headingDepth > 0;
        } else if (name === 'pre') {
          preDepth--;
          out.verbatim = preDepth > 0;
        }
        out.requestBreak(liDepth > 0 ? 1 : block[1], src);
      },

      ontext(data) {
        if (skipDepth > 0) return;
        const start = parser.startIndex;
        // Literal text arrives as a slice of the source; an entity arrives on its own, decoded.
        const identity = parser.endIndex + 1 - start === data.length;
        if (preDepth > 0) writePreformatted(out, data, start, identity);
        else writeCollapsed(out, data, start, identity);
      },
    },
    { decodeEntities: true },
  );
  // See boundedOpenElements: the field is htmlparser2's own (private in its types; 12.x).
  (parser as unknown as { stack: string[] }).stack = openElements.stack;
  parser.end(html);
  return out.build(html.length);
}

/** Writes text with whitespace runs collapsed; runs of words with single spaces go as one part. */
function writeCollapsed(out: TextBuilder, s: string, start: number, identity: boolean): void {
  const n = s.length;
  let i = 0;
  while (i < n) {
    const wsStart = i;
    while (i < n && isCollapsibleSpace(s.charCodeAt(i))) i++;
    if (i > wsStart) out.space(identity ? start + wsStart : start);
    if (i >= n) break;
    const runStart = i;
    let runEnd = i;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (!isCollapsibleSpace(c)) {
        i++;
        runEnd = i;
      } else if (c === 32 && i + 1 < n && !isCollapsibleSpace(s.charCodeAt(i + 1))) {
        i++;
      } else {
        break;
      }
    }
    out.content(s.slice(runStart, runEnd), identity ? start + runStart : start, identity);
    i = runEnd;
  }
}

/**
 * Writes `<pre>` text as is, line by line: newlines kept, whitespace before a newline dropped,
 * whitespace at the end of a chunk kept as one space if the line goes on.
 */
function writePreformatted(out: TextBuilder, s: string, start: number, identity: boolean): void {
  let lineStart = 0;
  for (;;) {
    const nl = s.indexOf('\n', lineStart);
    const segmentEnd = nl < 0 ? s.length : nl;
    let end = segmentEnd;
    while (end > lineStart && isCollapsibleSpace(s.charCodeAt(end - 1))) end--;
    if (end > lineStart) {
      out.content(s.slice(lineStart, end), identity ? start + lineStart : start, identity);
    }
    if (nl < 0) {
      if (end < segmentEnd) out.space(identity ? start + end : start);
      return;
    }
    out.hardBreak(identity ? start + nl : start);
    lineStart = nl + 1;
  }
}
