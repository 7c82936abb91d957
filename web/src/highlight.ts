/** A piece of the description: plain text, or a skill mention to highlight. */
export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'mention'; text: string; skill: string; requirement: string };

export interface MentionOf {
  skill: string;
  requirement: string;
  start: number;
  end: number;
}

/**
 * Cuts `text` into plain and highlighted segments at the Enrichment's mention offsets
 * (character offsets into the description as given). Mentions out of range or overlapping an
 * earlier one are skipped; the segments always join back to `text`.
 *
 * @example
 * segments('Airflow and SQL', [{ skill: 'sql', requirement: 'required', start: 12, end: 15 }])
 * // → [{ kind: 'text', text: 'Airflow and ' }, { kind: 'mention', text: 'SQL', ... }]
 */
export function segments(text: string, mentions: readonly MentionOf[]): Segment[] {
  const sorted = mentions
    .filter((m) => Number.isInteger(m.start) && m.start >= 0 && m.end > m.start)
    .filter((m) => m.end <= text.length)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Segment[] = [];
  let at = 0;
  for (const mention of sorted) {
    if (mention.start < at) continue;
    if (mention.start > at) out.push({ kind: 'text', text: text.slice(at, mention.start) });
    out.push({
      kind: 'mention',
      text: text.slice(mention.start, mention.end),
      skill: mention.skill,
      requirement: mention.requirement,
    });
    at = mention.end;
  }
  if (at < text.length) out.push({ kind: 'text', text: text.slice(at) });
  return out;
}
