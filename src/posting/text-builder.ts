import type { TextDocument, TextRange } from './types.js';

/** Most words a bold-only line may have and still count as a heading. */
const MAX_BOLD_HEADING_WORDS = 12;

/** Whether a UTF-16 code unit is whitespace in a regular expression's sense (`\s`). */
export function isRegExpSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 160) return false;
  return (
    code === 160 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** Whether a UTF-16 code unit is whitespace to collapse: `\s` but the vertical tab, as in HTML. */
export function isCollapsibleSpace(code: number): boolean {
  return code !== 11 && isRegExpSpace(code);
}

/**
 * Accumulates the text of a document as parts with their source offsets, merging whitespace and
 * line breaks lazily: a break, space, list prefix or cell separator is only written when content
 * follows it, so lines are trimmed and there are no leading/trailing or repeated blank lines.
 */
export class TextBuilder {
  /** Whether content written now is inside an h1–h6 element. */
  inHeading = false;
  /** Id of the outermost enclosing `<strong>`/`<b>`, or -1 outside any. */
  boldId = -1;
  /** Whether content written now is preformatted (never a heading). */
  verbatim = false;

  private readonly parts: string[] = [];
  /** Source offset of each part's first char. */
  private readonly partSrc: number[] = [];
  /** Whether each part maps char by char (true) or every char to `partSrc` (false). */
  private readonly partIdentity: boolean[] = [];
  private length = 0;

  private pendingBreak = 0;
  private breakSrc = -1;
  private pendingSpace = false;
  private spaceSrc = 0;
  private pendingPrefix: string | null = null;
  private prefixSrc = 0;
  private pendingSep: string | null = null;
  private sepSrc = 0;

  private lineHasContent = false;
  private lineContentStart = 0;
  private lineIsListItem = false;
  private lineAllHeading = true;
  private lineBoldOnly = true;
  private lineBoldId = -1;
  private lineVerbatim = false;

  private readonly headings: TextRange[] = [];
  /** Bold-only lines: headings if short enough (checked once the text exists). */
  private readonly boldCandidates: TextRange[] = [];

  /** Asks for a line break (1) or a blank line (2) before the next content. */
  requestBreak(level: 1 | 2, src: number): void {
    // At the start of a list item, blocks inside it (`<li><p>…`) start the item's own line.
    if (this.pendingPrefix !== null) return;
    if (level > this.pendingBreak) this.pendingBreak = level;
    if (this.breakSrc < 0) this.breakSrc = src;
    this.pendingSpace = false;
    this.pendingSep = null;
  }

  /** A forced line break (`<br>`, a newline in `<pre>`): two in a row make a blank line. */
  hardBreak(src: number): void {
    if (this.pendingPrefix !== null || this.length === 0) return;
    this.pendingBreak = this.pendingBreak >= 1 ? 2 : 1;
    if (this.breakSrc < 0) this.breakSrc = src;
    this.pendingSpace = false;
    this.pendingSep = null;
  }

  /** Collapsible whitespace at `src`: one space if content follows on the same line. */
  space(src: number): void {
    if (!this.lineHasContent || this.pendingBreak > 0 || this.pendingSpace) return;
    if (this.pendingSep !== null) return;
    this.pendingSpace = true;
    this.spaceSrc = src;
  }

  /** Starts a list item: the next content starts a new line with `prefix` mapped to `src`. */
  startListItem(prefix: string, src: number): void {
    this.requestBreak(1, src);
    this.pendingPrefix = prefix;
    this.prefixSrc = src;
  }

  /** Ends a list item: an item with no content leaves no prefix behind. */
  endListItem(): void {
    this.pendingPrefix = null;
  }

  /** A separator (table cell) written before the next content if the line already has some. */
  separator(sep: string, src: number): void {
    if (!this.lineHasContent || this.pendingBreak > 0) return;
    this.pendingSep = sep;
    this.sepSrc = src;
    this.pendingSpace = false;
  }

  /**
   * Writes content (no leading/trailing whitespace unless verbatim). With `identity`,
   * `str[i]` came from `src + i`; otherwise every char came from `src`.
   */
  content(str: string, src: number, identity: boolean): void {
    if (str.length === 0) return;
    if (this.pendingBreak > 0) {
      if (this.length > 0) {
        this.finishLine();
        this.push(this.pendingBreak === 2 ? '\n\n' : '\n', this.breakSrc, false);
      }
      this.pendingBreak = 0;
      this.breakSrc = -1;
      this.startLine();
      this.pendingSpace = false;
      this.pendingSep = null;
    }
    if (this.pendingPrefix !== null) {
      if (!this.lineHasContent) {
        this.push(this.pendingPrefix, this.prefixSrc, false);
        this.lineIsListItem = true;
      }
      this.pendingPrefix = null;
    }
    if (this.pendingSep !== null) {
      this.push(this.pendingSep, this.sepSrc, false);
      this.pendingSep = null;
      this.pendingSpace = false;
    } else if (this.pendingSpace) {
      this.push(' ', this.spaceSrc, false);
      this.pendingSpace = false;
    }
    if (!this.lineHasContent) {
      this.lineHasContent = true;
      this.lineContentStart = this.length;
    }
    this.push(str, src, identity);
    if (!this.inHeading) this.lineAllHeading = false;
    if (this.verbatim) this.lineVerbatim = true;
    if (this.boldId < 0) this.lineBoldOnly = false;
    else if (this.lineBoldId < 0) this.lineBoldId = this.boldId;
    else if (this.lineBoldId !== this.boldId) this.lineBoldOnly = false;
  }

  /** Finishes the document; `sourceLength` is the last entry of `sourceOffsets`. */
  build(sourceLength: number): TextDocument {
    this.finishLine();
    const text = this.parts.join('');
    const offsets = new Int32Array(text.length + 1);
    let pos = 0;
    for (let p = 0; p < this.parts.length; p++) {
      const len = (this.parts[p] as string).length;
      const src = this.partSrc[p] as number;
      if (this.partIdentity[p]) {
        for (let k = 0; k < len; k++) offsets[pos + k] = src + k;
      } else {
        offsets.fill(src, pos, pos + len);
      }
      pos += len;
    }
    offsets[text.length] = sourceLength;

    const headings = this.headings;
    if (this.boldCandidates.length > 0) {
      for (const range of this.boldCandidates) {
        const words = text.slice(range.start, range.end).split(' ').length;
        if (words <= MAX_BOLD_HEADING_WORDS) headings.push(range);
      }
      headings.sort((a, b) => a.start - b.start);
    }
    return { text, sourceOffsets: offsets, headings };
  }

  private push(str: string, src: number, identity: boolean): void {
    this.parts.push(str);
    this.partSrc.push(src);
    this.partIdentity.push(identity);
    this.length += str.length;
  }

  private startLine(): void {
    this.lineHasContent = false;
    this.lineIsListItem = false;
    this.lineAllHeading = true;
    this.lineBoldOnly = true;
    this.lineBoldId = -1;
    this.lineVerbatim = false;
  }

  private finishLine(): void {
    if (!this.lineHasContent) return;
    const range = { start: this.lineContentStart, end: this.length };
    if (this.lineAllHeading) {
      this.headings.push(range);
    } else if (
      this.lineBoldOnly &&
      this.lineBoldId >= 0 &&
      !this.lineIsListItem &&
      !this.lineVerbatim
    ) {
      this.boldCandidates.push(range);
    }
    this.lineHasContent = false;
  }
}
