import { type DescriptionDocument, toTextDocument } from '../posting/index.js';
import {
  type CompiledRules,
  type CompiledSkill,
  type HeadingRule,
  type RequirementCues,
  type WordEntry,
  wordEntries,
} from '../rules/index.js';
import { gatedLinesOfTokens, type Token, tokenize } from '../text/index.js';
import { detectLanguage } from './language.js';
import { matchSkills, type SkillMatch } from './match-skills.js';
import {
  asksOfCandidate,
  type CueWindow,
  cueWindow,
  describesTeam,
  type RequirementLevel,
  requirementOf,
  sentenceStarts,
  speaksOfCompany,
} from './requirement-level.js';
import { extractSalary } from './salary.js';
import { findSections, type Section, type SectionKind, sectionRequirement } from './sections.js';
import { detectSeniority } from './seniority.js';
import type {
  CertificationRequirement,
  EducationRequirement,
  ExtractedSkill,
  Extraction,
  PostingText,
  SkillMention,
  YearsRange,
} from './types.js';
import { detectWorkArrangement } from './work-arrangement.js';
import { findYearsStatements, overallYears } from './years-experience.js';

/** An extraction with the tokens it was made from, which classification reads again. */
export interface Analysis {
  readonly extraction: Extraction;
  readonly text: string;
  readonly tokens: readonly Token[];
  /** What the rules know about each token. */
  readonly entries: readonly WordEntry[];
  readonly titleTokens: readonly Token[];
  /** Skills named in the title. */
  readonly titleSkills: readonly string[];
  /** The description's sections ("Requirements", "About us", ...), in text order. */
  readonly sections: readonly Section[];
}

// When mentions disagree: asked for beats ruled out ("no Java needed"), which beats the softer
// levels, so a later aside ("data from Java systems") does not undo an explicit negation.
const LEVEL_RANK: Record<RequirementLevel, number> = {
  required: 3,
  negated: 2,
  preferred: 1,
  mentioned: 0,
};

const SKILL_KINDS = new Set(['technical', 'practice', 'soft-skill', 'field-of-study']);

/** Sections whose every line asks something of the candidate. */
const ASKING_SECTIONS: ReadonlySet<SectionKind> = new Set([
  'requirements',
  'preferred',
  'responsibilities',
]);

/**
 * Extracts skills and facets from a posting: one tokenisation, one trie pass, section and
 * sentence cues for each mention. Pure: the same input and rules give the same output.
 */
export function analyzePosting(input: PostingText, rules: CompiledRules): Analysis {
  const document = input.document ?? toTextDocument(input.description);
  const { text } = document;
  const tokens = tokenize(text);
  const entries = wordEntries(tokens, rules);
  const matches = matchSkills(text, tokens, rules, entries);
  const titleTokens = tokenize(input.title);
  const titleSkills = [
    ...new Set(matchSkills(input.title, titleTokens, rules).map((m) => m.skillId)),
  ];

  const starts = sentenceStarts(tokens);
  const inSkill = new Uint8Array(tokens.length);
  for (const match of matches) inSkill.fill(1, match.first, match.end);
  const language = detectLanguage(text, tokens, inSkill, rules.languages);
  const { cues, headings } = languageRules(rules, language);
  const sections = findSections(text, document.headings, headings);

  const toSource = (start: number, end: number) => sourceRange(document, start, end);

  // "BS in Computer Science": a field of study is asked for with the degree it is the subject of.
  const degreeSentences = new Set<number>();
  for (const match of matches) {
    if (rules.skills.get(match.skillId)?.kind === 'education') {
      degreeSentences.add(starts[match.first] ?? 0);
    }
  }

  const located: LocatedMatch[] = [];
  let sectionIndex = 0;
  for (const match of matches) {
    const textStart = (tokens[match.first] as Token).start;
    const textEnd = (tokens[match.end - 1] as Token).end;
    while (
      sectionIndex < sections.length - 1 &&
      (sections[sectionIndex] as Section).end <= textStart
    ) {
      sectionIndex++;
    }
    const section = sections[sectionIndex];
    const sectionLevel = section ? sectionRequirement(section.kind) : 'required';
    const sentence = starts[match.first] ?? 0;
    const window = cueWindow(tokens, sentence, match.first, match.end);
    const skill = rules.skills.get(match.skillId);
    const kind = skill?.kind;
    // "We are a cloud security company": a sentence about the company, outside the sections
    // that ask, says what the company does; its fields of work ask nothing of the candidate.
    const aboutCompany =
      cues !== undefined &&
      !ASKING_SECTIONS.has(section?.kind ?? 'other') &&
      speaksOfCompany(tokens, window, cues) &&
      !asksOfCandidate(tokens, window, cues);
    // "A collaborative environment" in the company blurb asks nothing of the candidate: soft
    // skills, practices and fields of study count in requirement sections, or in sentences
    // that ask; broad fields anywhere but the blurb, benefits and sentences about the company.
    if (
      (kind === 'soft-skill' ||
        kind === 'practice' ||
        (kind === 'field-of-study' && !degreeSentences.has(sentence))) &&
      (aboutCompany ||
        !asksFor(section?.kind, sectionLevel, tokens, inSkill, window, match.end, cues))
    ) {
      continue;
    }
    if (skill?.broad === true && (aboutCompany || sectionLevel === 'mentioned')) continue;
    const level =
      cues === undefined
        ? 'mentioned'
        : requirementOf(tokens, inSkill, window, match.first, match.end, sectionLevel, cues);
    located.push({
      match,
      level,
      sentence,
      textStart,
      mention: mentionAt(document, textStart, textEnd),
    });
  }

  const lines = gatedLinesOfTokens(text, tokens, (index) => (entries[index] as WordEntry).facets);
  const statements = findYearsStatements(text, lines.years);
  const yearsFor = (textStart: number): YearsRange | undefined => {
    const statement = statements.find(
      (s) => textStart >= s.subjectStart && textStart < s.subjectEnd,
    );
    return statement ? { min: statement.min, max: statement.max } : undefined;
  };

  const skills = collectSkills(located, titleSkills, rules, yearsFor);
  const yearsExperience = overallYears(statements, text);
  const salary = extractSalary(text, lines.salary);

  return {
    text,
    tokens,
    entries,
    titleTokens,
    titleSkills,
    sections,
    extraction: {
      skills: skills.filter((skill) => SKILL_KINDS.has(skill.kind)),
      seniority: detectSeniority(
        input.title,
        text,
        yearsExperience,
        lines.seniority,
        rules.languages.get('en')?.seniority,
      ),
      yearsExperience,
      remote: detectWorkArrangement(input.title, text, lines.workplace),
      language,
      salary: salary ? { ...salary, ...toSource(salary.start, salary.end) } : null,
      education: collectEducation(located, rules),
      certifications: skills
        .filter((skill) => skill.kind === 'certification')
        .map(
          (skill): CertificationRequirement => ({
            id: skill.id,
            name: skill.name,
            requirement: skill.requirement,
          }),
        ),
    },
  };
}

/**
 * Whether a soft skill or practice is asked for where it stands: in a requirements or duties
 * section, or a sentence that asks of the candidate; never where it names the team or the job
 * ("our Agile team", "DevOps engineers") or in the blurb and benefits.
 */
function asksFor(
  section: SectionKind | undefined,
  sectionLevel: RequirementLevel,
  tokens: readonly Token[],
  inSkill: Uint8Array,
  window: CueWindow,
  end: number,
  cues: RequirementCues | undefined,
): boolean {
  if (
    cues === undefined ||
    sectionLevel === 'mentioned' ||
    describesTeam(tokens, inSkill, end, cues)
  ) {
    return false;
  }
  return (
    (section !== undefined && ASKING_SECTIONS.has(section)) || asksOfCandidate(tokens, window, cues)
  );
}

/**
 * The cues and headings a posting is read with. English when its language is undetermined;
 * a language the rules have no file for has no cues, so levels that depend on cues are
 * `mentioned`, never a confident guess ("nicht erforderlich" is not "required").
 */
function languageRules(
  rules: CompiledRules,
  language: string | null,
): { cues: RequirementCues | undefined; headings: readonly HeadingRule[] } {
  const english = rules.languages.get('en');
  const own = rules.languages.get(language ?? 'en');
  const headings =
    own === english || own === undefined
      ? (english?.headings ?? [])
      : [...own.headings, ...(english?.headings ?? [])];
  return { cues: own?.cues, headings };
}

/** A mention of text[start, end), with its range in the description as given. */
function mentionAt(document: DescriptionDocument, start: number, end: number): SkillMention {
  const range = sourceRange(document, start, end);
  return { text: document.text.slice(start, end), start: range.start, end: range.end };
}

/**
 * The range in the description as given of text[start, end): from the first character's source
 * to the end of the last one's, which is a whole entity when it was decoded from one (&gt;).
 */
function sourceRange(
  document: DescriptionDocument,
  start: number,
  end: number,
): { start: number; end: number } {
  const { sourceOffsets, source, text } = document;
  const sourceStart = sourceOffsets[start] ?? start;
  if (end <= start) return { start: sourceStart, end: sourceStart };
  const last = sourceOffsets[end - 1] ?? end - 1;
  let sourceEnd = last + 1;
  if (source.charCodeAt(last) === 0x26 && text.charCodeAt(end - 1) !== 0x26) {
    const semicolon = source.indexOf(';', last);
    if (semicolon !== -1 && semicolon - last <= 12) sourceEnd = semicolon + 1;
  }
  return { start: sourceStart, end: sourceEnd };
}

interface LocatedMatch {
  readonly match: SkillMatch;
  readonly level: RequirementLevel;
  readonly sentence: number;
  readonly textStart: number;
  readonly mention: SkillMention;
}

function collectSkills(
  located: readonly LocatedMatch[],
  titleSkills: readonly string[],
  rules: CompiledRules,
  yearsFor: (textStart: number) => YearsRange | undefined,
): ExtractedSkill[] {
  const bySkill = new Map<
    string,
    {
      skill: CompiledSkill;
      level: RequirementLevel;
      mentions: SkillMention[];
      years: YearsRange | undefined;
    }
  >();
  for (const { match, level, mention, textStart } of located) {
    const skill = rules.skills.get(match.skillId);
    if (!skill) continue;
    const entry = bySkill.get(skill.id);
    const years = yearsFor(textStart);
    if (entry) {
      entry.mentions.push(mention);
      if (LEVEL_RANK[level] > LEVEL_RANK[entry.level]) entry.level = level;
      if (years && !entry.years) entry.years = years;
    } else {
      bySkill.set(skill.id, { skill, level, mentions: [mention], years });
    }
  }
  for (const id of titleSkills) {
    const skill = rules.skills.get(id);
    const entry = bySkill.get(id);
    if (!skill) continue;
    if (!entry) bySkill.set(id, { skill, level: 'required', mentions: [], years: undefined });
    else if (entry.level !== 'negated') entry.level = 'required';
  }

  const explicit = [...bySkill.values()];
  const implied = new Map<string, RequirementLevel>();
  for (const { skill, level } of explicit) {
    if (level === 'negated') continue;
    for (const impliedId of skill.implies) {
      if (bySkill.has(impliedId)) continue;
      const best = implied.get(impliedId);
      if (best === undefined || LEVEL_RANK[level] > LEVEL_RANK[best]) implied.set(impliedId, level);
    }
  }

  const result: ExtractedSkill[] = explicit.map(({ skill, level, mentions, years }) => {
    const extracted: { -readonly [K in keyof ExtractedSkill]: ExtractedSkill[K] } = {
      id: skill.id,
      name: skill.name,
      category: skill.category,
      kind: skill.kind,
      requirement: level,
      implied: false,
      mentions,
    };
    if (years) extracted.years = years;
    return extracted;
  });
  for (const [id, level] of implied) {
    const skill = rules.skills.get(id);
    if (!skill) continue;
    result.push({
      id,
      name: skill.name,
      category: skill.category,
      kind: skill.kind,
      requirement: level,
      implied: true,
      mentions: [],
    });
  }
  return result;
}

function collectEducation(
  located: readonly LocatedMatch[],
  rules: CompiledRules,
): EducationRequirement[] {
  const education = new Map<string, EducationRequirement>();
  for (const { match, level, sentence } of located) {
    const skill = rules.skills.get(match.skillId);
    if (skill?.kind !== 'education' || skill.level === undefined) continue;
    const fields = located
      .filter(
        (other) =>
          other.sentence === sentence &&
          rules.skills.get(other.match.skillId)?.kind === 'field-of-study',
      )
      .map((other) => rules.skills.get(other.match.skillId)?.name ?? other.match.skillId);
    const earlier = education.get(skill.id);
    if (earlier && LEVEL_RANK[earlier.requirement] >= LEVEL_RANK[level]) continue;
    education.set(skill.id, {
      id: skill.id,
      name: skill.name,
      level: skill.level,
      requirement: level,
      fields: [...new Set([...(earlier?.fields ?? []), ...fields])],
    });
  }
  return [...education.values()];
}
