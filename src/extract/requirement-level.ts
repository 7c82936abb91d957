import type { Token } from '../text/index.js';

export type RequirementLevel = 'required' | 'preferred' | 'mentioned' | 'negated';

/** Token ranges of the sentences of a text: a new one starts at a line break or after . ! ? ; */
export function sentenceStarts(tokens: readonly Token[]): Int32Array {
  const starts = new Int32Array(tokens.length);
  let current = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const previous = tokens[i - 1];
    if (
      token.lineBreak ||
      (previous !== undefined &&
        !previous.isWord &&
        SENTENCE_END.has(previous.norm) &&
        token.spaced)
    ) {
      current = i;
    }
    starts[i] = current;
  }
  return starts;
}

const SENTENCE_END = new Set(['.', '!', '?', ';']);

const NEGATORS = new Set([
  'no',
  'not',
  'without',
  'never',
  'neither',
  'nor',
  "don't",
  "doesn't",
  "isn't",
  "aren't",
  "won't",
  "needn't",
  "haven't",
  "hasn't",
]);

/** Words that may stand between a negator and a skill ("no prior experience with Java"). */
const NEGATION_BRIDGE = new Set(
  `a an the any prior previous professional commercial formal experience knowledge background
  expertise familiarity skills skill with in of on required needed necessary need needs require
  requires requiring have having know knowing to use using be is are expected must requirement
  coding programming writing or and looking for expect expecting hiring worry if you've you
  haven't used worked work do does role position job developers developer engineers engineer
  previously yet deep strong`.split(/\s+/),
);

const NEGATION_EXCEPTIONS = [
  ['not', 'only'],
  ['not', 'just'],
  ['not', 'limited'],
  ['not', 'necessarily'],
  ['no', 'matter'],
  ['no', 'later'],
  ['no', 'less'],
  ['no', 'longer'],
  ['not', 'afraid'],
];

const SCOPE_BREAKERS = new Set([
  'but',
  'however',
  'although',
  'though',
  'yet',
  'instead',
  'rather',
  'while',
  'whereas',
  'except',
]);

const PREFERRED_CUES = byFirstWord([
  ['nice', 'to', 'have'],
  ['nice', '-', 'to', '-', 'have'],
  ['a', 'plus'],
  ['big', 'plus'],
  ['huge', 'plus'],
  ['bonus'],
  ['preferred'],
  ['preferably'],
  ['ideally'],
  ['desirable'],
  ['desired'],
  ['advantageous'],
  ['an', 'advantage'],
  ['would', 'be', 'great'],
  ['would', 'be', 'nice'],
  ['good', 'to', 'have'],
  ['is', 'helpful'],
  ['are', 'helpful'],
  ['beneficial'],
  ['optional'],
  ['not', 'required', 'but'],
]);

const REQUIRED_CUES = new Set(['must', 'required', 'mandatory', 'essential', 'requirement']);

const POST_NEGATION_TARGETS = new Set([
  'required',
  'needed',
  'necessary',
  'mandatory',
  'expected',
  'requirement',
  'must',
]);

/**
 * The requirement level of a skill mention: negated when a negation governs it ("no Java
 * required", "not a Java role", "Java is not needed"); preferred when its sentence says so
 * ("Kafka is a plus"); otherwise what its section says. `inSkill` marks the tokens that belong
 * to any skill mention.
 */
export function requirementOf(
  tokens: readonly Token[],
  inSkill: Uint8Array,
  sentenceStart: number,
  first: number,
  end: number,
  sectionLevel: 'required' | 'preferred' | 'mentioned',
): RequirementLevel {
  let sentenceEnd = end;
  while (sentenceEnd < tokens.length) {
    const token = tokens[sentenceEnd] as Token;
    if (token.lineBreak) break;
    sentenceEnd++;
    if (!token.isWord && SENTENCE_END.has(token.norm)) break;
  }
  if (
    isNegatedBefore(tokens, inSkill, sentenceStart, first) ||
    isNegatedAfter(tokens, end, sentenceEnd)
  ) {
    return hasCue(tokens, sentenceStart, sentenceEnd, PREFERRED_CUES) ? 'preferred' : 'negated';
  }
  if (sectionLevel !== 'mentioned' && hasCue(tokens, sentenceStart, sentenceEnd, PREFERRED_CUES)) {
    return clauseHasRequiredCue(tokens, sentenceStart, sentenceEnd, first)
      ? 'required'
      : 'preferred';
  }
  return sectionLevel;
}

function isNegatedBefore(
  tokens: readonly Token[],
  inSkill: Uint8Array,
  sentenceStart: number,
  first: number,
): boolean {
  for (let index = first - 1; index >= sentenceStart && first - index <= 10; index--) {
    const token = tokens[index] as Token;
    if (SCOPE_BREAKERS.has(token.norm)) return false;
    if (NEGATORS.has(token.norm)) {
      const next = tokens[index + 1]?.norm;
      return !NEGATION_EXCEPTIONS.some(
        ([negator, word]) => negator === token.norm && word === next,
      );
    }
    // Other skills of a list ("no Java, C# or Go") do not break the negation.
    if (token.isWord && !NEGATION_BRIDGE.has(token.norm) && inSkill[index] !== 1) return false;
  }
  return false;
}

/** "Java is not required", "Java (not needed)", "Java isn't a must". */
function isNegatedAfter(tokens: readonly Token[], end: number, sentenceEnd: number): boolean {
  for (let index = end; index < sentenceEnd && index - end <= 6; index++) {
    const token = tokens[index] as Token;
    if (SCOPE_BREAKERS.has(token.norm)) return false;
    if (NEGATORS.has(token.norm)) {
      for (let next = index + 1; next < sentenceEnd && next <= index + 3; next++) {
        if (POST_NEGATION_TARGETS.has((tokens[next] as Token).norm)) return true;
      }
      return false;
    }
  }
  return false;
}

/** Cues grouped by their first word: a sentence's tokens are looked up, not compared to each cue. */
function byFirstWord(
  cues: readonly (readonly string[])[],
): ReadonlyMap<string, readonly (readonly string[])[]> {
  const grouped = new Map<string, (readonly string[])[]>();
  for (const cue of cues) {
    const first = cue[0] as string;
    grouped.set(first, [...(grouped.get(first) ?? []), cue]);
  }
  return grouped;
}

function hasCue(
  tokens: readonly Token[],
  from: number,
  to: number,
  cues: ReadonlyMap<string, readonly (readonly string[])[]>,
): boolean {
  for (let index = from; index < to; index++) {
    const starting = cues.get((tokens[index] as Token).norm);
    if (starting === undefined) continue;
    for (const cue of starting) {
      let matches = true;
      for (let offset = 1; offset < cue.length; offset++) {
        if (tokens[index + offset]?.norm !== cue[offset]) {
          matches = false;
          break;
        }
      }
      if (matches) return true;
    }
  }
  return false;
}

/** "Python is required, Kafka is a plus": the clause of the mention has its own required cue. */
function clauseHasRequiredCue(
  tokens: readonly Token[],
  from: number,
  to: number,
  first: number,
): boolean {
  let clauseStart = from;
  for (let index = first - 1; index >= from; index--) {
    if ((tokens[index] as Token).norm === ',') {
      clauseStart = index + 1;
      break;
    }
  }
  for (let index = clauseStart; index < to; index++) {
    const norm = (tokens[index] as Token).norm;
    if (index > first && norm === ',') break;
    if (REQUIRED_CUES.has(norm) && !NEGATORS.has(tokens[index - 1]?.norm ?? '')) return true;
  }
  return false;
}
