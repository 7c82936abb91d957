/**
 * Seniority from a posting's title, else from explicit cues in its text, else from the years of
 * experience it asks for. Pure; each source is one pass of a precompiled pattern.
 */

import { join } from 'node:path';
import {
  DEFAULT_RULES_DIR,
  languageFileSchema,
  parseRulesFile,
  type SeniorityWords,
} from '../rules/index.js';
import { globalGate, type LineGate, matchAllOnLines } from '../text/index.js';

export type Seniority = 'intern' | 'junior' | 'mid' | 'senior' | 'lead' | 'principal';

/** Ordered from least to most senior. */
export const SENIORITY_LEVELS: readonly Seniority[] = [
  'intern',
  'junior',
  'mid',
  'senior',
  'lead',
  'principal',
];

const RANK: Readonly<Record<Seniority, number>> = {
  intern: 0,
  junior: 1,
  mid: 2,
  senior: 3,
  lead: 4,
  principal: 5,
};

/** Patterns compiled from a language's seniority words (`rules/language/<code>.yaml`). */
interface SeniorityPatterns {
  /**
   * Title cues, case-insensitive. One named group per level; `exec` is for executive titles
   * (director, VP, chief, head), which outrank a junior-sounding word ("Associate Director").
   */
  readonly title: RegExp;
  /** Explicit level statements in the description: "This is a senior role", "junior developer". */
  readonly text: RegExp;
  readonly words: readonly (readonly [Seniority, RegExp])[];
}

const TITLE_GROUPS = [
  'intern',
  'exec',
  'head',
  'junior',
  'mid',
  'senior',
  'lead',
  'principal',
] as const;

const compiled = new WeakMap<SeniorityWords, SeniorityPatterns>();

function patternsOf(words: SeniorityWords): SeniorityPatterns {
  let patterns = compiled.get(words);
  if (patterns === undefined) {
    const { levelWords, roleLevelWords, roleNouns } = words;
    patterns = {
      title: new RegExp(
        TITLE_GROUPS.map((group) => `(?<${group}>${words.title[group]})`).join('|'),
        'gi',
      ),
      text: new RegExp(
        [
          // "senior role", "entry-level position", "a senior-level hire"
          `\\b(?<lvl>${roleLevelWords})[\\s-]+(?:level\\s+)?(?:role|position|opportunity|opening|post|job|vacancy|hire)\\b`,
          `\\b(?<lvl1>${roleLevelWords})[\\s-]+level\\b(?![\\s-]+(?:stakeholders?|executives?|leaders?|leadership|management|managers?|people|staff|colleagues?|partners?|clients?|customers?|of|decision|engagement|audiences?|contacts?|relationships?)\\b)`,
          // "we are looking for a junior developer", "join us as a Senior Data Engineer"
          `\\b(?:looking\\s+for|seeking|hiring|to\\s+hire|recruiting|searching\\s+for|join\\s+(?:us|our\\s+team)\\s+as|you\\s+will\\s+be|you'll\\s+be|as)\\s+(?:an?\\s+)?(?:(?:talented|motivated|passionate|driven|skilled|curious|ambitious)\\s+)?(?<lvl2>${levelWords})\\s+(?:[\\w+#./-]+\\s+){0,3}?${roleNouns}\\b`,
          // "junior developer", but not "work with senior engineer", "mentor junior developer"
          `(?<!\\b(?:with|to|alongside|mentor|mentoring|mentors|coach|coaching|support|supporting|from|by|other|our|the|and|of)\\s+(?:an?\\s+|the\\s+|other\\s+)?)\\b(?<lvl3>${levelWords})\\s+(?:[\\w+#./-]+\\s+){0,2}?${roleNouns}\\b`,
        ].join('|'),
        'gi',
      ),
      words: (Object.entries(words.words) as [Seniority, string][]).map(
        ([level, pattern]) => [level, new RegExp(`^(?:${pattern})$`)] as const,
      ),
    };
    compiled.set(words, patterns);
  }
  return patterns;
}

let shippedEnglish: SeniorityWords | undefined;
/** The seniority words jobsift ships, for callers that pass none. */
function englishWords(): SeniorityWords {
  if (shippedEnglish === undefined) {
    const file = parseRulesFile(join(DEFAULT_RULES_DIR, 'language', 'en.yaml'), languageFileSchema);
    if (file.seniority === undefined) throw new Error('rules/language/en.yaml has no seniority');
    shippedEnglish = file.seniority;
  }
  return shippedEnglish;
}

/** Roman-numeral grades, case-sensitive: "Engineer I", "Analyst II", "Developer III", "SWE IV". */
const TITLE_GRADE = /(?:^|[\s(])(?<grade>IV|III|II|I)(?=$|[\s,)/|–—-])/g;
const GRADE_LEVEL: Readonly<Record<string, Seniority>> = {
  I: 'junior',
  II: 'mid',
  III: 'senior',
  IV: 'lead',
};

/** Every text cue contains one of these level words: lines without them are not searched. */
const TEXT_CUE_WORDS = globalGate('seniority');

function higher(a: Seniority | null, b: Seniority | null): Seniority | null {
  if (a === null) return b;
  if (b === null) return a;
  return RANK[b] > RANK[a] ? b : a;
}

function wordLevel(raw: string, patterns: SeniorityPatterns): Seniority | null {
  const word = raw.toLowerCase().replace(/[\s-]+/g, ' ');
  for (const [level, pattern] of patterns.words) if (pattern.test(word)) return level;
  return null;
}

/** The seniority a title states, or null when it states none. */
export function titleSeniority(
  title: string,
  words: SeniorityWords = englishWords(),
): Seniority | null {
  let best: Seniority | null = null;
  let intern = false;
  let junior = false;
  let exec = false;
  for (const m of title.matchAll(patternsOf(words).title)) {
    const g = m.groups ?? {};
    let level: Seniority | null = null;
    if (g.intern !== undefined) intern = true;
    else if (g.exec !== undefined) {
      exec = true;
      level = 'principal';
    } else if (g.head !== undefined) {
      exec = true;
      level = 'lead';
    } else if (g.junior !== undefined) junior = true;
    else if (g.mid !== undefined) level = 'mid';
    else if (g.senior !== undefined) level = 'senior';
    else if (g.lead !== undefined) level = 'lead';
    else if (g.principal !== undefined) level = 'principal';
    best = higher(best, level);
  }
  for (const m of title.matchAll(TITLE_GRADE)) {
    const level = GRADE_LEVEL[m.groups?.grade ?? ''];
    if (level === 'junior') junior = true;
    else best = higher(best, level ?? null);
  }
  if (intern) return 'intern';
  if (junior && !exec) return 'junior';
  return best;
}

/** The first explicit level statement in the text ("this is a senior role"), or null. */
export function textSeniority(
  text: string,
  lines: LineGate = TEXT_CUE_WORDS,
  words: SeniorityWords = englishWords(),
): Seniority | null {
  const patterns = patternsOf(words);
  for (const m of matchAllOnLines(text, patterns.text, lines)) {
    const g = m.groups ?? {};
    const raw = g.lvl ?? g.lvl1 ?? g.lvl2 ?? g.lvl3;
    if (raw === undefined) continue;
    const level = wordLevel(raw, patterns);
    if (level !== null) return level;
  }
  return null;
}

/** Seniority implied by the minimum years of experience asked for. */
export function yearsSeniority(years: { min: number } | null): Seniority | null {
  if (years === null || !Number.isFinite(years.min)) return null;
  if (years.min >= 5) return 'senior';
  if (years.min >= 2) return 'mid';
  return 'junior';
}

/**
 * A posting's seniority: the title's cue first ("Senior", "Staff Engineer", "Engineer II"),
 * else an explicit statement in the text, else the years of experience asked for, else null.
 */
export function detectSeniority(
  title: string,
  text: string,
  years: { min: number } | null,
  textLines?: LineGate,
  words: SeniorityWords = englishWords(),
): Seniority | null {
  return (
    titleSeniority(title, words) ?? textSeniority(text, textLines, words) ?? yearsSeniority(years)
  );
}
