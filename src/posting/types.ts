/** A half-open range `[start, end)` of character offsets into a text. */
export interface TextRange {
  start: number;
  end: number;
}

/** Readable plain text derived from a description, with a map back to where it came from. */
export interface TextDocument {
  /** Readable plain text: one line per block, list items as `- item`, at most one blank line. */
  text: string;
  /**
   * Length `text.length + 1`. `sourceOffsets[i]` is the index in the source string where
   * `text[i]` came from (non-decreasing); the last entry is the source length.
   */
  sourceOffsets: Int32Array;
  /** Ranges in `text` of the lines that are headings, in text order. */
  headings: TextRange[];
}

/** How a description was recognised by `toTextDocument`. */
export type DescriptionFormat = 'text' | 'html' | 'escaped-html';

/** A `TextDocument` that also says which string its `sourceOffsets` index into. */
export interface DescriptionDocument extends TextDocument {
  format: DescriptionFormat;
  /**
   * The string `sourceOffsets` refer to: the input itself for `text` and `html`, the input
   * decoded once for `escaped-html`.
   */
  source: string;
}
