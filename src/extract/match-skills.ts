import {
  type CompiledGuard,
  type CompiledRules,
  type SurfaceForm,
  type WordEntry,
  wordEntries,
} from '../rules/index.js';
import type { Token, TrieNode } from '../text/index.js';

/** A skill found in the text: tokens [first, end) of the tokenised text. */
export interface SkillMatch {
  readonly skillId: string;
  readonly first: number;
  readonly end: number;
  /** Found by edit distance from an alias (a typo such as "Kubernets"). */
  readonly fuzzy: boolean;
}

/** How far (in tokens, on the same line) context may be to confirm an ambiguous form. */
const CONTEXT_WINDOW = 20;

/**
 * Finds skills in one pass over the tokens with the rules' token trie: at each token the
 * longest written form wins and matching resumes after it. Ambiguous forms are checked against
 * their guard, those that need context after every unambiguous match is known.
 */
export function matchSkills(
  text: string,
  tokens: readonly Token[],
  rules: CompiledRules,
  entries: readonly WordEntry[] = wordEntries(tokens, rules),
): SkillMatch[] {
  const keys: string[] = new Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) keys[i] = (tokens[i] as Token).norm;
  const firm: SkillMatch[] = [];
  const pending: { match: SkillMatch; guard: CompiledGuard }[] = [];
  const caseMisses: SkillMatch[] = [];
  const candidates: { form: SurfaceForm; end: number }[] = [];

  let index = 0;
  // Created once, not per token: this loop runs for every token of every posting.
  const visit = (form: SurfaceForm, end: number) => {
    if (fitsGlue(tokens, index, form)) candidates.push({ form, end });
  };
  const sameLine = (next: number) => tokens[next]?.lineBreak === false;
  const candidatesFrom = (start: TrieNode<SurfaceForm>) => {
    if (candidates.length > 0) candidates.length = 0;
    rules.skillTrie.matchFrom(start, keys, index, visit, sameLine);
    return candidates;
  };
  while (index < tokens.length) {
    const entry = entries[index] as WordEntry;
    // Most tokens start no written form: they skip the candidate bookkeeping.
    const chosen =
      entry.skillStart === undefined
        ? undefined
        : chooseCandidate(text, tokens, candidatesFrom(entry.skillStart), index);
    if (chosen) {
      const match = { skillId: chosen.form.skillId, first: index, end: chosen.end, fuzzy: false };
      if (chosen.form.guard?.needsContext) pending.push({ match, guard: chosen.form.guard });
      else firm.push(match);
      index = chosen.end;
      continue;
    }
    const listed =
      entry.skillStart !== undefined && candidates.length > 0
        ? listedCandidate(text, tokens, candidates, firm, rules, index)
        : undefined;
    if (listed) {
      firm.push({ skillId: listed.form.skillId, first: index, end: listed.end, fuzzy: false });
      index = listed.end;
      continue;
    }
    if (entry.skillStart !== undefined && candidates.length > 0) {
      const miss = caseMiss(text, tokens, candidates, index);
      if (miss) caseMisses.push(miss);
    }
    if (entry.nearSkill) {
      firm.push({ skillId: entry.nearSkill, first: index, end: index + 1, fuzzy: true });
    }
    index++;
  }

  if (caseMisses.length > 0) firm.push(...onTagLines(tokens, firm, caseMisses));
  if (pending.length === 0) return firm.sort((a, b) => a.first - b.first);
  // A confirmed ambiguous form is context for the others ("Stack: Airflow, dbt, Snowflake").
  let unconfirmed = pending;
  let confirmedAny = true;
  while (confirmedAny && unconfirmed.length > 0) {
    confirmedAny = false;
    const still: typeof pending = [];
    for (const candidate of unconfirmed) {
      if (hasContext(candidate.match, candidate.guard, tokens, firm, rules)) {
        firm.push(candidate.match);
        confirmedAny = true;
      } else {
        still.push(candidate);
      }
    }
    unconfirmed = still;
  }
  return firm.sort((a, b) => a.first - b.first);
}

function fitsGlue(tokens: readonly Token[], first: number, form: SurfaceForm): boolean {
  for (let offset = 1; offset < form.glued.length; offset++) {
    if (form.glued[offset] && tokens[first + offset]?.spaced !== false) return false;
  }
  return true;
}

/** Longest candidate first; an ambiguous form only when its guard's local checks pass. */
function chooseCandidate(
  text: string,
  tokens: readonly Token[],
  candidates: { form: SurfaceForm; end: number }[],
  first: number,
): { form: SurfaceForm; end: number } | undefined {
  if (candidates.length === 0) return undefined;
  if (candidates.length > 1) {
    candidates.sort(
      (a, b) =>
        b.end - a.end || Number(a.form.guard !== undefined) - Number(b.form.guard !== undefined),
    );
  }
  for (const candidate of candidates) {
    const guard = candidate.form.guard;
    if (!guard || passesLocalGuard(text, tokens, first, candidate.end, guard)) return candidate;
  }
  return undefined;
}

/** Tokens that join the items of a list: "Java, Spring", "Django and/or React", "C++ & Go". */
const LIST_JOINERS = new Set([',', '/', '&', '+', 'and', 'or']);

/**
 * An ambiguous form that its guard's neighbour words refused ("and Spring", "React to"), taken
 * all the same when it is the next item of a list that a technical skill opens: in "Java and
 * Spring" or "Django and/or React to build ..." the list says what the word is. It must still
 * be written as the guard says (case).
 */
function listedCandidate(
  text: string,
  tokens: readonly Token[],
  candidates: readonly { form: SurfaceForm; end: number }[],
  firm: readonly SkillMatch[],
  rules: CompiledRules,
  first: number,
): { form: SurfaceForm; end: number } | undefined {
  const previous = firm[firm.length - 1];
  if (previous === undefined || first - previous.end < 1 || first - previous.end > 3) return;
  if (rules.skills.get(previous.skillId)?.kind !== 'technical') return;
  for (let index = previous.end; index < first; index++) {
    const token = tokens[index] as Token;
    if (token.lineBreak || !LIST_JOINERS.has(token.norm)) return;
  }
  if ((tokens[first] as Token).lineBreak) return;
  for (const candidate of candidates) {
    const guard = candidate.form.guard;
    if (guard === undefined) continue;
    const unbounded = { ...guard, notFollowedBy: [], notPrecededBy: [] };
    if (passesLocalGuard(text, tokens, first, candidate.end, unbounded)) return candidate;
  }
  return undefined;
}

/**
 * A case-sensitive form written in another case ("react", "spring"), whose guard passes
 * otherwise: kept aside in case its line turns out to be a list of technologies.
 */
function caseMiss(
  text: string,
  tokens: readonly Token[],
  candidates: readonly { form: SurfaceForm; end: number }[],
  first: number,
): SkillMatch | undefined {
  for (const { form, end } of candidates) {
    const guard = form.guard;
    if (!guard?.caseSensitive) continue;
    if (passesLocalGuard(text, tokens, first, end, { ...guard, caseSensitive: false })) {
      return { skillId: form.skillId, first, end, fuzzy: false };
    }
  }
  return undefined;
}

/** A line of at least this many words, this share of them skills, is a list of technologies. */
const TAG_LINE_WORDS = 3;
const TAG_LINE_SHARE = 0.75;

/**
 * The case misses that stand on a tag line ("typescript javascript node.js react go", as
 * boards list a posting's technologies): there the lowercase word is the technology, and the
 * line is its context.
 */
function onTagLines(
  tokens: readonly Token[],
  firm: readonly SkillMatch[],
  misses: readonly SkillMatch[],
): SkillMatch[] {
  // Misses and firm matches are in token order: one walk over the lines that hold a miss.
  const accepted: SkillMatch[] = [];
  let nextFirm = 0;
  let walked = 0;
  let at = 0;
  while (at < misses.length) {
    const miss = misses[at] as SkillMatch;
    let start = miss.first;
    while (start > walked && !(tokens[start] as Token).lineBreak) start--;
    let end = miss.first + 1;
    while (end < tokens.length && !(tokens[end] as Token).lineBreak) end++;
    const onLine: SkillMatch[] = [];
    while (at < misses.length && (misses[at] as SkillMatch).first < end) {
      onLine.push(misses[at] as SkillMatch);
      at++;
    }
    while (nextFirm < firm.length && (firm[nextFirm] as SkillMatch).end <= start) nextFirm++;
    let words = 0;
    let skills = 0;
    let firmAt = nextFirm;
    let missAt = 0;
    const free = onLine.filter((candidate) => {
      for (
        let f = nextFirm;
        f < firm.length && (firm[f] as SkillMatch).first < candidate.end;
        f++
      ) {
        if ((firm[f] as SkillMatch).end > candidate.first) return false;
      }
      return true;
    });
    for (let index = start; index < end; index++) {
      if (!(tokens[index] as Token).isWord) continue;
      words++;
      while (firmAt < firm.length && (firm[firmAt] as SkillMatch).end <= index) firmAt++;
      while (missAt < free.length && (free[missAt] as SkillMatch).end <= index) missAt++;
      const inFirm = firmAt < firm.length && (firm[firmAt] as SkillMatch).first <= index;
      const inMiss = missAt < free.length && (free[missAt] as SkillMatch).first <= index;
      if (inFirm || inMiss) skills++;
    }
    if (words >= TAG_LINE_WORDS && skills >= TAG_LINE_SHARE * words) accepted.push(...free);
    walked = end;
  }
  return accepted;
}

function passesLocalGuard(
  text: string,
  tokens: readonly Token[],
  first: number,
  end: number,
  guard: CompiledGuard,
): boolean {
  if (guard.caseSensitive) {
    const written = text
      .slice((tokens[first] as Token).start, (tokens[end - 1] as Token).end)
      .replace(/\s+/g, ' ');
    if (!guard.exactForms.has(written)) return false;
  }
  for (const sequence of guard.notFollowedBy) {
    if (sequenceAt(tokens, end, sequence)) return false;
  }
  for (const sequence of guard.notPrecededBy) {
    if (sequenceAt(tokens, first - sequence.length, sequence)) return false;
  }
  return true;
}

/** Whether tokens from `at` spell `sequence` (punctuation must be glued to its neighbours). */
function sequenceAt(tokens: readonly Token[], at: number, sequence: readonly string[]): boolean {
  if (at < 0 || sequence.length === 0) return false;
  for (let offset = 0; offset < sequence.length; offset++) {
    const token = tokens[at + offset];
    if (token === undefined || token.norm !== sequence[offset]) return false;
    if (offset === 0 && !token.isWord && token.spaced) return false;
  }
  return true;
}

/** Phrases that frame a word as a skill: "experience with Go", "Go developers", "Stack: Go". */
const STRONG_FRAMES_BEFORE: readonly (readonly string[])[] = [
  'experience with',
  'experience in',
  'experienced in',
  'experienced with',
  'proficiency in',
  'proficiency with',
  'proficient in',
  'proficient with',
  'knowledge of',
  'expertise in',
  'skilled in',
  'familiarity with',
  'familiar with',
  'hands-on with',
  'stack',
  'tech stack',
].map((phrase) => phrase.split(' '));

const FRAMES_BEFORE: readonly (readonly string[])[] = [
  ...STRONG_FRAMES_BEFORE,
  ...[
    'skills in',
    'fluent in',
    'fluency in',
    'written in',
    'coding in',
    'programming in',
    'develop in',
    'developing in',
    'background in',
    'years of',
    'languages',
    'such as',
    'tools',
    'technologies',
    'frameworks',
  ].map((phrase) => phrase.split(' ')),
];

const FRAMES_AFTER: readonly (readonly string[])[] = [
  'experience',
  'skills',
  'developer',
  'developers',
  'engineer',
  'engineers',
  'programming',
  'programmer',
  'programmers',
  'code',
  'codebase',
  'expertise',
  'knowledge',
  'proficiency',
  'development',
  'scripts',
  'scripting',
  'is required',
  'is a must',
  'services',
  'microservices',
].map((phrase) => phrase.split(' '));

function isFramed(tokens: readonly Token[], match: SkillMatch, strongOnly: boolean): boolean {
  if (!strongOnly) {
    for (const frame of FRAMES_AFTER) {
      if (sequenceAt(tokens, match.end, frame) && !tokens[match.end]?.lineBreak) return true;
    }
  }
  for (const frame of strongOnly ? STRONG_FRAMES_BEFORE : FRAMES_BEFORE) {
    // "languages: Go, Rust", "such as Go": allow one punctuation token between.
    for (const gap of [0, 1]) {
      const at = match.first - gap - frame.length;
      if (gap === 1 && tokens[match.first - 1]?.isWord !== false) continue;
      if (sequenceAt(tokens, at, frame) && !tokens[match.first]?.lineBreak) return true;
    }
  }
  return false;
}

function hasContext(
  match: SkillMatch,
  guard: CompiledGuard,
  tokens: readonly Token[],
  firm: readonly SkillMatch[],
  rules: CompiledRules,
): boolean {
  // A guard that names its context skills (Chef: Puppet, Ansible) trusts only the strongest
  // frames: "Chef experience" is a kitchen, "experience with Chef" is not.
  if (isFramed(tokens, match, guard.contextSkills.size > 0)) return true;
  const from = lineBoundary(tokens, match.first, -1);
  const to = lineBoundary(tokens, match.end - 1, 1);
  for (const other of firm) {
    if (other.end <= from || other.first > to || other.skillId === match.skillId) continue;
    if (guard.contextSkills.size > 0) {
      if (guard.contextSkills.has(other.skillId)) return true;
    } else if (rules.skills.get(other.skillId)?.kind === 'technical') {
      return true;
    }
  }
  for (let index = from; index <= to; index++) {
    for (const words of guard.contextWords) {
      if (sequenceAt(tokens, index, words) && (index < match.first || index >= match.end))
        return true;
    }
  }
  return false;
}

/** The index of the furthest token within the window that is on the same line. */
function lineBoundary(tokens: readonly Token[], from: number, step: 1 | -1): number {
  let index = from;
  for (let moved = 0; moved < CONTEXT_WINDOW; moved++) {
    const next = index + step;
    const token = tokens[next];
    if (token === undefined) break;
    if (step === 1 ? token.lineBreak : tokens[index]?.lineBreak) break;
    index = next;
  }
  return index;
}
