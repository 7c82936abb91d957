import type { CueIndex, RequirementCues } from '../rules/index.js';
import type { Token } from '../text/index.js';

export type RequirementLevel = 'required' | 'preferred' | 'mentioned' | 'negated';

/**
 * How far (in tokens) on either side of a mention its sentence is read for cues. A sentence
 * with no end ("Python, Python, ..." for 500 KB) then costs the same per mention as a short
 * one, so extraction stays linear in the text; cues farther than this are about something else.
 */
export const CUE_WINDOW = 40;

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

/** The part of a mention's sentence that its cues are read from: [from, to) of the tokens. */
export interface CueWindow {
  readonly from: number;
  readonly to: number;
}

/** The window of tokens [first, end) in the sentence starting at `sentenceStart`, bounded. */
export function cueWindow(
  tokens: readonly Token[],
  sentenceStart: number,
  first: number,
  end: number,
): CueWindow {
  let to = end;
  const limit = Math.min(tokens.length, end + CUE_WINDOW);
  while (to < limit) {
    const token = tokens[to] as Token;
    if (token.lineBreak) break;
    to++;
    if (!token.isWord && SENTENCE_END.has(token.norm)) break;
  }
  return { from: Math.max(sentenceStart, first - CUE_WINDOW), to };
}

/**
 * The requirement level of a skill mention: negated when a negation governs it ("no Java
 * required", "not a Java role", "Java is not needed"); preferred when its sentence says so
 * ("Kafka is a plus"); otherwise what its section says. `inSkill` marks the tokens that belong
 * to any skill mention; `cues` are those of the posting's language.
 */
export function requirementOf(
  tokens: readonly Token[],
  inSkill: Uint8Array,
  window: CueWindow,
  first: number,
  end: number,
  sectionLevel: 'required' | 'preferred' | 'mentioned',
  cues: RequirementCues,
): RequirementLevel {
  const { from, to } = window;
  if (
    isNegatedBefore(tokens, inSkill, from, first, cues) ||
    isNegatedAfter(tokens, end, to, cues)
  ) {
    return hasCue(tokens, from, to, cues.preferred) ? 'preferred' : 'negated';
  }
  if (sectionLevel !== 'mentioned' && hasCue(tokens, from, to, cues.preferred)) {
    return clauseHasRequiredCue(tokens, from, to, first, cues) ? 'required' : 'preferred';
  }
  return sectionLevel;
}

/** Whether the window asks something of the candidate ("you", "experience", "ability to"). */
export function asksOfCandidate(
  tokens: readonly Token[],
  window: CueWindow,
  cues: RequirementCues,
): boolean {
  for (let index = window.from; index < window.to; index++) {
    if (cues.candidateWords.has((tokens[index] as Token).norm)) return true;
  }
  return hasCue(tokens, window.from, window.to, cues.preferred);
}

/** Whether the window speaks of the company ("we", "our"): see `companyWords` in the rules. */
export function speaksOfCompany(
  tokens: readonly Token[],
  window: CueWindow,
  cues: RequirementCues,
): boolean {
  for (let index = window.from; index < window.to; index++) {
    if (cues.companyWords.has((tokens[index] as Token).norm)) return true;
  }
  return false;
}

/** How many words may stand between a soft skill and the descriptor noun it qualifies. */
const DESCRIBED_WITHIN_WORDS = 5;

/**
 * Whether the mention qualifies a descriptor noun on its line: "Agile team", "DevOps
 * engineers", "a collaborative, trusting and thought-provoking environment". Only adjectives
 * and their joiners ("and") may stand between: "collaboration with the team" asks for it, and
 * so does each item of "communication, collaboration and team leadership" (another skill
 * between them ends the search).
 */
export function describesTeam(
  tokens: readonly Token[],
  inSkill: Uint8Array,
  end: number,
  cues: RequirementCues,
): boolean {
  let words = 0;
  for (let index = end; words < DESCRIBED_WITHIN_WORDS; index++) {
    const token = tokens[index];
    if (token === undefined || token.lineBreak || inSkill[index] === 1) return false;
    if (!token.isWord) {
      if (token.norm === '-' || token.norm === ',') continue;
      return false;
    }
    if (cues.descriptorNouns.has(token.norm)) return true;
    if (cues.commonWords.has(token.norm) && !cues.descriptorJoiners.has(token.norm)) return false;
    words++;
  }
  return false;
}

function isNegatedBefore(
  tokens: readonly Token[],
  inSkill: Uint8Array,
  from: number,
  first: number,
  cues: RequirementCues,
): boolean {
  for (let index = first - 1; index >= from && first - index <= 10; index--) {
    const token = tokens[index] as Token;
    if (cues.scopeBreakers.has(token.norm)) return false;
    if (cues.negators.has(token.norm)) return !cueAt(tokens, index, cues.negationExceptions);
    // Other skills of a list ("no Java, C# or Go") do not break the negation.
    if (token.isWord && !cues.negationBridge.has(token.norm) && inSkill[index] !== 1) return false;
  }
  return false;
}

/** "Java is not required", "Java (not needed)", "Java isn't a must". */
function isNegatedAfter(
  tokens: readonly Token[],
  end: number,
  to: number,
  cues: RequirementCues,
): boolean {
  for (let index = end; index < to && index - end <= 6; index++) {
    const token = tokens[index] as Token;
    if (cues.scopeBreakers.has(token.norm)) return false;
    if (cues.negators.has(token.norm)) {
      for (let next = index + 1; next < to && next <= index + 3; next++) {
        if (cues.negationTargets.has((tokens[next] as Token).norm)) return true;
      }
      return false;
    }
  }
  return false;
}

/** Whether one of the cues starts at token `index`. */
function cueAt(tokens: readonly Token[], index: number, cues: CueIndex): boolean {
  const starting = cues.get((tokens[index] as Token).norm);
  if (starting === undefined) return false;
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
  return false;
}

function hasCue(tokens: readonly Token[], from: number, to: number, cues: CueIndex): boolean {
  for (let index = from; index < to; index++) {
    if (cueAt(tokens, index, cues)) return true;
  }
  return false;
}

/** "Python is required, Kafka is a plus": the clause of the mention has its own required cue. */
function clauseHasRequiredCue(
  tokens: readonly Token[],
  from: number,
  to: number,
  first: number,
  cues: RequirementCues,
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
    if (cues.required.has(norm) && !cues.negators.has(tokens[index - 1]?.norm ?? '')) return true;
  }
  return false;
}
