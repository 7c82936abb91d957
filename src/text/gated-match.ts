import type { LineRange } from './facet-gates.js';

/** What limits a search to some lines: a global gate pattern, or the gated lines themselves. */
export type LineGate = RegExp | readonly LineRange[];

/**
 * The matches of the global `pattern` in `text`, searched only on the lines where the global
 * `gate` matches: an alternation of the words every match must contain. Facet patterns (years,
 * salary, seniority, remote) are long alternations that V8 tries at every character, while a
 * few plain words are cheap to find, so the pattern runs on the lines that can hold a match.
 * The gated lines may be given instead, found from the tokens (`gatedLinesOfTokens`).
 * Lookbehinds still see the text before a line; a match cannot run on past its line's end.
 */
export function* matchAllOnLines(
  text: string,
  pattern: RegExp,
  gate: LineGate,
): Generator<RegExpExecArray> {
  for (const [lineStart, lineEnd] of gate instanceof RegExp ? gatedLines(text, gate) : gate) {
    // Ends the search at the line's end; a slice of a long string is a view, not a copy.
    const bounded = lineEnd === text.length ? text : text.slice(0, lineEnd);
    let position = lineStart;
    while (position <= lineEnd) {
      // Set before every exec: the pattern object is shared, and another search may have moved it.
      pattern.lastIndex = position;
      const match = pattern.exec(bounded);
      if (match === null) break;
      position = match[0].length === 0 ? pattern.lastIndex + 1 : pattern.lastIndex;
      yield match;
    }
  }
}

/** The [start, end) ranges of the lines where the gate matches, in order. */
function gatedLines(text: string, gate: RegExp): LineRange[] {
  const lines: LineRange[] = [];
  gate.lastIndex = 0;
  for (let hit = gate.exec(text); hit !== null; hit = gate.exec(text)) {
    const start = text.lastIndexOf('\n', hit.index - 1) + 1;
    const newline = text.indexOf('\n', hit.index);
    const end = newline === -1 ? text.length : newline;
    lines.push([start, end]);
    if (newline === -1) break;
    gate.lastIndex = newline + 1;
  }
  return lines;
}
