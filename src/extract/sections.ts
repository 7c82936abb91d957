/**
 * Sections of a posting ("Requirements", "Nice to have", "About us", "Benefits", ...) found from
 * its headings, and what each says about the skills named in it.
 */

import { isRegExpSpace } from '../posting/index.js';
import type { HeadingRule, SectionKind } from '../rules/index.js';

export type { SectionKind };

export interface Section {
  readonly kind: SectionKind;
  /** Character range in the text, heading included. */
  readonly start: number;
  readonly end: number;
  readonly heading: string | null;
}

/**
 * The section kind a heading names, or null when it names none we know. `rules` are a
 * language's headings (`rules/language/*.yaml`), tried in order: "Preferred qualifications" is
 * preferred before it is a qualification, "About the role" a job description before "About ...".
 */
export function classifyHeading(
  heading: string,
  rules: readonly HeadingRule[],
): SectionKind | null {
  return classifyHeadingAt(heading, rules)?.kind ?? null;
}

function classifyHeadingAt(
  heading: string,
  rules: readonly HeadingRule[],
): { kind: SectionKind; index: number } | null {
  const text = heading
    .toLowerCase()
    .replace(/[’]/g, "'")
    .replace(/[*#:_]+/g, ' ')
    .trim();
  for (const rule of rules) {
    const found = rule.pattern.exec(text);
    if (found) return { kind: rule.kind, index: found.index };
  }
  return null;
}

/** "About us", "Nice to have", "Benefits": a short line that opens with a known heading. */
function isBareHeading(trimmed: string, rules: readonly HeadingRule[]): boolean {
  if (!/^\p{Lu}/u.test(trimmed) || /[.,;!?]$/.test(trimmed) || countWords(trimmed, 6) > 5) {
    return false;
  }
  if (/:\s*\S/.test(trimmed)) return false;
  const found = classifyHeadingAt(trimmed, rules);
  return found !== null && found.index <= 4;
}

const INLINE_HEADING = /^[\s\-*•#]*(\p{L}[^:\n]{0,48}?):\s*(\S)?/u;
const MAX_HEADING_WORDS = 8;

/**
 * Splits text into sections. Headings come from `headings` (HTML headings, bold lines, Markdown)
 * and from short lines ending in a colon. A line that opens with a known heading and a colon
 * ("Nice to have: Kafka") is a section of its own.
 */
export function findSections(
  text: string,
  headings: readonly { start: number; end: number }[],
  rules: readonly HeadingRule[],
): Section[] {
  const headingStarts = new Set(headings.map((heading) => heading.start));
  const sections: Section[] = [];
  let current: { kind: SectionKind; start: number; heading: string | null } = {
    kind: 'intro',
    start: 0,
    heading: null,
  };
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const trimmed = text.slice(lineStart, lineEnd).trim();
    if (trimmed.length === 0) {
      lineStart = lineEnd + 1;
      continue;
    }
    const classified = classifyLine(
      trimmed,
      headingStarts.has(lineStart) || isHeadingLike(trimmed) || isBareHeading(trimmed, rules),
      rules,
    );
    if (classified?.kind === 'other' && sectionRequirement(current.kind) !== 'mentioned') {
      // An unknown sub-heading ("Backend", "Tooling") inside a section does not end it.
    } else if (classified) {
      if (classified.inline) {
        // "Nice to have: Kafka" — this line only; the section around it carries on after.
        close(lineStart);
        sections.push({
          kind: classified.kind,
          start: lineStart,
          end: lineEnd,
          heading: classified.heading,
        });
        current = { kind: current.kind, start: lineEnd, heading: current.heading };
      } else {
        close(lineStart);
        current = { kind: classified.kind, start: lineStart, heading: classified.heading };
      }
    }
    lineStart = lineEnd + 1;
  }
  close(text.length);
  return sections;

  function close(end: number) {
    if (end > current.start) {
      sections.push({ kind: current.kind, start: current.start, end, heading: current.heading });
    }
  }
}

function isHeadingLike(trimmed: string): boolean {
  if (trimmed.length > 80) return false;
  if (/^#{1,6}\s/.test(trimmed) || /^\*\*[^*]+\*\*:?$/.test(trimmed)) return true;
  if (countWords(trimmed, MAX_HEADING_WORDS + 1) > MAX_HEADING_WORDS) return false;
  if (trimmed.endsWith(':')) return true;
  return /[A-Z]{2}/.test(trimmed) && trimmed === trimmed.toUpperCase();
}

/** The whitespace-separated words of non-empty trimmed text, counted up to `atMost`. */
function countWords(trimmed: string, atMost: number): number {
  let words = 1;
  for (let at = 1; at < trimmed.length && words < atMost; at++) {
    if (!isRegExpSpace(trimmed.charCodeAt(at)) && isRegExpSpace(trimmed.charCodeAt(at - 1))) {
      words++;
    }
  }
  return words;
}

function classifyLine(
  trimmed: string,
  headingLike: boolean,
  rules: readonly HeadingRule[],
): { kind: SectionKind; heading: string; inline: boolean } | null {
  if (headingLike) {
    const kind = classifyHeading(trimmed, rules);
    return kind
      ? { kind, heading: trimmed, inline: false }
      : { kind: 'other', heading: trimmed, inline: false };
  }
  if (!trimmed.includes(':')) return null;
  const inline = INLINE_HEADING.exec(trimmed);
  if (inline?.[1] && inline[2] !== undefined && inline[1].split(/\s+/).length <= 5) {
    const kind = classifyHeading(inline[1], rules);
    if (kind && kind !== 'responsibilities' && kind !== 'company') {
      return { kind, heading: inline[1], inline: true };
    }
  }
  return null;
}

/** The requirement level a section gives the skills named in it, before sentence cues. */
export function sectionRequirement(kind: SectionKind): 'required' | 'preferred' | 'mentioned' {
  switch (kind) {
    case 'preferred':
      return 'preferred';
    case 'company':
    case 'benefits':
    case 'legal':
      return 'mentioned';
    default:
      return 'required';
  }
}
