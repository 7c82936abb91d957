import { decodeHTML } from 'entities';
import { htmlToText } from './html-to-text.js';
import type { DescriptionDocument, TextRange } from './types.js';

const TAG_NAMES =
  '(?:p|div|br|li|ul|ol|h[1-6]|strong|b|em|i|u|span|table|tr|td|th|a|section|article|blockquote|pre|hr)';
/** A real tag of the kinds descriptions are written with. */
const HTML_TAG = new RegExp(`<\\/?${TAG_NAMES}(?=[\\s/>])`, 'i');
/** The same tags entity-escaped once (`&lt;p&gt;`, `&lt;/li&gt;`, `&lt;div class=...`). */
const ESCAPED_TAG = new RegExp(`&lt;\\/?${TAG_NAMES}(?=\\s|/|&gt;)`, 'i');

/** Most words a plain-text line may have and still count as a heading. */
const MAX_HEADING_WORDS = 8;
const MARKDOWN_HEADING = /^#{1,6}\s+\S/;
const BOLD_LINE = /^(?:\*\*[^*\s](?:.*[^*\s])?\*\*|__[^_\s](?:.*[^_\s])?__):?$/;
const BULLET = /^(?:[-*•·▪◦‣+]\s|\d{1,3}[.)]\s)/;
const UPPER = /\p{Lu}/gu;
const LOWER = /\p{Ll}/u;

/** Whether `s` contains real HTML tags (`<p`, `<div`, `<br`, `<li`, `<strong`, …). */
export function looksLikeHtml(s: string): boolean {
  return HTML_TAG.test(s);
}

/** Whether `s` is HTML that was entity-escaped once (`&lt;p&gt;…`) and has no real tag. */
export function looksLikeEscapedHtml(s: string): boolean {
  return ESCAPED_TAG.test(s) && !HTML_TAG.test(s);
}

/**
 * Decodes entity-escaped HTML (Greenhouse `content`, some JSON-LD and RSS descriptions) exactly
 * once, and only when it looks escaped; anything else is returned unchanged. The result may
 * still hold legitimate entities (`&nbsp;`, `&#39;`), which `htmlToText` decodes.
 */
export function decodeEscapedHtml(s: string): string {
  return looksLikeEscapedHtml(s) ? decodeHTML(s) : s;
}

/**
 * Turns a description of any kind into a `TextDocument`:
 * - HTML (a real `<p`, `<div`, `<br`, `<li`, `<ul`, `<h1..6`, `<strong`, `<span`, `<table`…):
 *   `htmlToText(description)`; offsets index into `description`.
 * - Entity-escaped HTML (`&lt;p&gt;` and no real tag): decoded once, then `htmlToText`.
 *   **Offsets then index into the decoded HTML** (`source`, also `decodeEscapedHtml(description)`),
 *   not into `description`.
 * - Plain text: `text` is `description` unchanged, offsets are the identity, headings come from
 *   line heuristics (see `plainTextHeadings`).
 */
export function toTextDocument(description: string): DescriptionDocument {
  if (looksLikeHtml(description)) {
    return { ...htmlToText(description), format: 'html', source: description };
  }
  if (ESCAPED_TAG.test(description)) {
    const html = decodeHTML(description);
    return { ...htmlToText(html), format: 'escaped-html', source: html };
  }
  return plainTextDocument(description, plainTextHeadings(description));
}

/**
 * A document of text that needs no conversion: offsets are the identity. `headings` are taken
 * as given, e.g. those the HTML marked when the text was made from it (a posting's
 * `descriptionHeadings`), so the HTML need not be parsed again.
 */
export function plainTextDocument(text: string, headings: TextRange[]): DescriptionDocument {
  const offsets = new Int32Array(text.length + 1);
  for (let i = 0; i <= text.length; i++) offsets[i] = i;
  return { text, sourceOffsets: offsets, headings, format: 'text', source: text };
}

/**
 * Heading lines of plain text: a trimmed line of at most 8 words that is a Markdown `#`…`######`
 * heading, a `**Bold**` (or `__Bold__`) line, ends with `:`, or is all caps (at least 2 letters,
 * no lowercase), and is followed by a non-blank line. Bullet lines (`- `, `* `, `1. `) only count
 * as Markdown or bold headings. Ranges are the trimmed lines, markers included.
 */
export function plainTextHeadings(text: string): TextRange[] {
  const headings: TextRange[] = [];
  let pending: TextRange | null = null;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let start = lineStart;
    let end = lineEnd;
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    if (end > start) {
      if (pending !== null) headings.push(pending);
      pending = isHeadingLine(text.slice(start, end)) ? { start, end } : null;
    }
    lineStart = lineEnd + 1;
  }
  return headings;
}

function isHeadingLine(line: string): boolean {
  if (line.split(/\s+/).length > MAX_HEADING_WORDS) return false;
  if (MARKDOWN_HEADING.test(line) || BOLD_LINE.test(line)) return true;
  if (BULLET.test(line)) return false;
  if (line.endsWith(':')) return line.length > 1;
  const upper = line.match(UPPER);
  return upper !== null && upper.length >= 2 && !LOWER.test(line);
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 160 || code === 12;
}
