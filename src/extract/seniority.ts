/**
 * Seniority from a posting's title, else from explicit cues in its text, else from the years of
 * experience it asks for. Pure; each source is one pass of a precompiled pattern.
 */

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

const IC_NOUN =
  '(?:engineers?|developers?|scientists?|analysts?|architects?|designers?|sres?|researchers?|programmers?)';

/**
 * Title cues, case-insensitive. One named group per level; `exec` is for executive titles
 * (director, VP, chief, head), which outrank a junior-sounding word ("Associate Director").
 */
const TITLE_CUES = new RegExp(
  [
    '(?<intern>\\b(?:interns?|internship|trainee|werkstudent(?:in)?|working\\s+student|co-?op|' +
      'praktikant(?:in)?|stagiaire|placement(?!\\s+(?:coordinator|officer|manager|specialist|consultant|advisor|lead)))\\b)',
    '(?<exec>\\b(?:director|vp|svp|evp|avp|vice[\\s-]+president|chief|cto|cio|ceo|cfo|coo|ciso|cpo|cdo|cmo|cro)\\b)',
    '(?<head>\\bhead\\b(?!\\s*(?:count|hunter|hunting|phones?|set|quarters|office)))',
    '(?<junior>\\b(?:junior|jr\\.?|entry[\\s-]level|entry|graduate|grad|new\\s+grad|apprentice(?:ship)?|' +
      'associate(?!\\s+(?:director|vice|vp|principal|partner|general\\s+counsel|dean|professor|head|chief))|' +
      'level\\s*(?:1|i)(?![\\w.]))(?![\\w-]))',
    '(?<mid>\\b(?:mid|mid[\\s-]?level|intermediate|medior|level\\s*(?:2|ii)(?![\\w.]))' +
      '(?![\\s-]*(?:market|size|sized|west|western|atlantic|day|night|shift|year|term|range|point|sized)\\b))',
    '(?<senior>\\b(?:senior|snr|sr\\.?|experienced|level\\s*(?:3|iii)(?![\\w.]))' +
      '(?!\\s+(?:living|care|carer|caregiver|citizens?|homes?|housing|centers?|centres?|community|services|residents?|adults?|healthcare|health|life|lifestyle|market|companion))(?![\\w-]))',
    '(?<lead>\\blead\\b(?![\\s-]*(?:generation|gen|free|based|acid|paint|abatement|times?|sources?|management|qualification|nurturing|follow[\\s-]?up|scoring|capture|routing|developer\\s+relations))|' +
      '\\bleader\\b|\\bsupervisor\\b|\\bmanager\\b|' +
      `\\bstaff(?=(?:\\s+[\\w/+-]+){0,2}?\\s+${IC_NOUN}\\b))`,
    '(?<principal>\\b(?:principal|distinguished|fellow|architect)\\b)',
  ].join('|'),
  'gi',
);
/** Roman-numeral grades, case-sensitive: "Engineer I", "Analyst II", "Developer III", "SWE IV". */
const TITLE_GRADE = /(?:^|[\s(])(?<grade>IV|III|II|I)(?=$|[\s,)/|–—-])/g;
const GRADE_LEVEL: Readonly<Record<string, Seniority>> = {
  I: 'junior',
  II: 'mid',
  III: 'senior',
  IV: 'lead',
};

const LEVEL_WORD =
  'intern(?:ship)?|junior|jr\\.?|entry[\\s-]level|graduate|mid[\\s-]level|intermediate|senior|sr\\.?|lead|principal';
/** Level words that also describe skills or people, not the role ("graduate-level", "lead role"). */
const ROLE_LEVEL_WORD = 'internship|junior|entry[\\s-]level|mid[\\s-]level|senior|staff|principal';
const ROLE_NOUN =
  '(?:engineer|developer|scientist|analyst|designer|architect|consultant|manager|programmer|administrator|specialist|accountant|researcher|sre)';
/** Explicit level statements in the description: "This is a senior role", "junior developer". */
const TEXT_CUES = new RegExp(
  [
    // "senior role", "entry-level position", "a senior-level hire"
    `\\b(?<lvl>${ROLE_LEVEL_WORD})[\\s-]+(?:level\\s+)?(?:role|position|opportunity|opening|post|job|vacancy|hire)\\b`,
    `\\b(?<lvl1>${ROLE_LEVEL_WORD})[\\s-]+level\\b(?![\\s-]+(?:stakeholders?|executives?|leaders?|leadership|management|managers?|people|staff|colleagues?|partners?|clients?|customers?|of|decision|engagement|audiences?|contacts?|relationships?)\\b)`,
    // "we are looking for a junior developer", "join us as a Senior Data Engineer"
    `\\b(?:looking\\s+for|seeking|hiring|to\\s+hire|recruiting|searching\\s+for|join\\s+(?:us|our\\s+team)\\s+as|you\\s+will\\s+be|you'll\\s+be|as)\\s+(?:an?\\s+)?(?:(?:talented|motivated|passionate|driven|skilled|curious|ambitious)\\s+)?(?<lvl2>${LEVEL_WORD})\\s+(?:[\\w+#./-]+\\s+){0,3}?${ROLE_NOUN}\\b`,
    // "junior developer", but not "work with senior engineer", "mentor junior developer"
    `(?<!\\b(?:with|to|alongside|mentor|mentoring|mentors|coach|coaching|support|supporting|from|by|other|our|the|and|of)\\s+(?:an?\\s+|the\\s+|other\\s+)?)\\b(?<lvl3>${LEVEL_WORD})\\s+(?:[\\w+#./-]+\\s+){0,2}?${ROLE_NOUN}\\b`,
  ].join('|'),
  'gi',
);

/** Every text cue contains one of these level words: lines without them are not searched. */
const TEXT_CUE_WORDS = globalGate('seniority');

function higher(a: Seniority | null, b: Seniority | null): Seniority | null {
  if (a === null) return b;
  if (b === null) return a;
  return RANK[b] > RANK[a] ? b : a;
}

function wordLevel(raw: string): Seniority | null {
  const w = raw.toLowerCase().replace(/[\s-]+/g, ' ');
  if (w.startsWith('intern')) return 'intern';
  if (w === 'junior' || w.startsWith('jr') || w === 'entry level' || w === 'graduate') {
    return 'junior';
  }
  if (w === 'mid level' || w === 'intermediate') return 'mid';
  if (w === 'senior' || w.startsWith('sr')) return 'senior';
  if (w === 'lead' || w === 'staff') return 'lead';
  if (w === 'principal') return 'principal';
  return null;
}

/** The seniority a title states, or null when it states none. */
export function titleSeniority(title: string): Seniority | null {
  let best: Seniority | null = null;
  let intern = false;
  let junior = false;
  let exec = false;
  for (const m of title.matchAll(TITLE_CUES)) {
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
export function textSeniority(text: string, lines: LineGate = TEXT_CUE_WORDS): Seniority | null {
  for (const m of matchAllOnLines(text, TEXT_CUES, lines)) {
    const g = m.groups ?? {};
    const raw = g.lvl ?? g.lvl1 ?? g.lvl2 ?? g.lvl3;
    if (raw === undefined) continue;
    const level = wordLevel(raw);
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
): Seniority | null {
  return titleSeniority(title) ?? textSeniority(text, textLines) ?? yearsSeniority(years);
}
