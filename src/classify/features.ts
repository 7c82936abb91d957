import type { Analysis, SectionKind } from '../extract/index.js';
import type { CompiledRules, SkillKind } from '../rules/index.js';
import { BREAK, stemTokens, type Token } from '../text/index.js';

/**
 * The features the learned role model reads from one analysed posting. Every feature is named
 * by what it is, so that a weight in `rules/role-model.json` can be read and every score
 * explained:
 *   t:<stem> / t:<stem> <stem>  title words and word pairs (seniority words left out)
 *   d:<stem> / d:<stem> <stem>  description words and pairs: sublinear counts weighed by section
 *                               (times the model's IDF and L2-normalised when scored, see tfIdf)
 *   s:<skill id>                a skill the posting asks for, by requirement level (not soft skills or fields of study)
 *   lang:<skill id>             the posting's main programming language
 *   x:<signal>                  conjunctions a linear model cannot form (full stack with a Python web back end)
 *   dt:<role id> / dtp:<title>  a role's title named in the description ("we are hiring a data engineer");
 *   dt0:<role id>               the same in its opening lines
 *   unmet:<role id>             the posting never names a skill the role requires (roles.yaml requiresAnySkill)
 *   r:<role id>                 the rules' evidence for a role (roles.yaml), so a YAML edit moves the result
 *   mode:<mode>                 which parts the posting has: a prior per mode
 */
export type InputMode = 'full' | 'no-title' | 'title-only';

/**
 * What a posting's scores are calibrated as: its input mode, except that a title naming no role
 * ("Software Engineer", "Staff Engineer - Remote") is calibrated on its own. Such postings are
 * harder than the average posting with a title, and a score must say so.
 */
export type CalibrationMode = InputMode | 'generic-title';

export interface RoleFeatures {
  readonly mode: InputMode;
  readonly calibration: CalibrationMode;
  readonly names: readonly string[];
  readonly values: readonly number[];
  /** The words behind a `t:` or `d:` feature, as the posting writes them (found on demand). */
  surface(feature: string): string | undefined;
}

/** How much a description word counts in each kind of section: the job over the blurb. */
const SECTION_WEIGHT: Record<SectionKind, number> = {
  responsibilities: 1,
  requirements: 1,
  preferred: 0.7,
  intro: 0.6,
  other: 0.6,
  company: 0.2,
  benefits: 0.1,
  legal: 0.05,
};

const LEVEL_VALUE = { required: 1, preferred: 0.6, mentioned: 0.3, negated: 0 } as const;
const IMPLIED_FACTOR = 0.5;
/** Rule evidence is on the scale of title weights (0-15); the model sees it shrunk. */
const RULE_SCALE = 0.2;

/** Words too common to say anything about a role, alone or in a pair (stemmed). */
const STOP_STEMS = new Set(
  `a an the and or of to in on for with at by from as is ar be been will would can could should
  may must our we you your us it it' this that these those their they them who what which when
  where how all ani some such not no do doe have ha had has i me my he she his her its also etc
  e.g i.e than then there here so if into onto about abov over under within without per via more
  most other new well veri us up out`
    .split(/\s+/)
    .filter(Boolean),
);

/** The opening of a description, where it often restates the job's title. */
const OPENING_CHARS = 300;
/** A first line this long or shorter may be the title. */
const OPENING_LINE_WORDS = 8;

const PYTHON_WEB_FRAMEWORKS = new Set(['django', 'flask', 'fastapi', 'pyramid']);
const FRONT_END_SKILLS = new Set([
  'react',
  'vue',
  'angular',
  'javascript',
  'typescript',
  'html',
  'css',
  'svelte',
  'nextjs',
  'jquery',
]);
const PROGRAMMING_LANGUAGES = 'programming-languages';

export interface FeatureInput {
  readonly analysis: Analysis;
  readonly rules: CompiledRules;
  /** Stemmed title terms without seniority words (classify.ts makes them for its title rules). */
  readonly titleTerms: readonly string[];
  /** Stemmed description terms, one per token. */
  readonly terms: readonly string[];
  /** The rules' raw evidence per role id. */
  readonly ruleEvidence: ReadonlyMap<string, number>;
  /** Roles whose `requiresAnySkill` the posting never names (a Python role without Python). */
  readonly unmetRoles: readonly string[];
  /** Whether the rules' title patterns find a role (other than `other`) in the title. */
  readonly titleNamesRole: boolean;
  /**
   * The description n-grams a model reads: when given, only they are counted (scoring);
   * without it every n-gram is (training). The features a model reads are the same either way.
   */
  readonly known?: DescriptionVocabulary;
}

/** Description features by their first stem: its unigram's name, and its bigrams' by second stem. */
export type DescriptionVocabulary = ReadonlyMap<string, VocabularyEntry>;
interface VocabularyEntry {
  readonly unigram?: string;
  readonly next?: ReadonlyMap<string, string>;
}

/** The vocabulary of `d:` feature names (the keys of a model's IDF). */
export function descriptionVocabulary(names: Iterable<string>): DescriptionVocabulary {
  const vocabulary = new Map<string, { unigram?: string; next?: Map<string, string> }>();
  for (const name of names) {
    if (!name.startsWith('d:')) continue;
    const [first, second, ...rest] = name.slice(2).split(' ');
    if (first === undefined || rest.length > 0) continue;
    let entry = vocabulary.get(first);
    if (entry === undefined) {
      entry = {};
      vocabulary.set(first, entry);
    }
    if (second === undefined) {
      entry.unigram = name;
    } else {
      entry.next ??= new Map();
      entry.next.set(second, name);
    }
  }
  return vocabulary;
}

export function roleFeatures(input: FeatureInput): RoleFeatures {
  const { analysis, rules, titleTerms, terms, ruleEvidence, unmetRoles } = input;
  const hasTitle = titleTerms.some((term) => term !== BREAK);
  const hasDescription = analysis.tokens.length > 0;
  const mode: InputMode = !hasDescription ? 'title-only' : hasTitle ? 'full' : 'no-title';
  const features = new Map<string, number>();
  const add = (name: string, value: number) =>
    features.set(name, (features.get(name) ?? 0) + value);

  features.set(`mode:${mode}`, 1);
  addTitleFeatures(titleTerms, add);
  if (hasDescription) {
    addDescriptionFeatures(analysis, terms, features, input.known);
    addTitlesInDescription(analysis, rules, terms, add);
    if (!hasTitle) addOpeningLineAsTitle(analysis, terms, add);
  }
  addSkillFeatures(analysis, rules, add);
  addConjunctions(analysis, titleTerms, terms, add);
  for (const [roleId, evidence] of ruleEvidence) {
    if (evidence !== 0) features.set(`r:${roleId}`, evidence * RULE_SCALE);
  }
  for (const roleId of unmetRoles) features.set(`unmet:${roleId}`, 1);
  return {
    mode,
    calibration: mode === 'full' && !input.titleNamesRole ? 'generic-title' : mode,
    names: [...features.keys()],
    values: [...features.values()],
    surface: (feature) => surfaceOf(feature, analysis, terms),
  };
}

/** The posting's own words for a `t:` or `d:` feature: its first place in the title or text. */
function surfaceOf(
  feature: string,
  analysis: Analysis,
  terms: readonly string[],
): string | undefined {
  const inTitle = feature.startsWith('t:');
  if (!inTitle && !feature.startsWith('d:')) return undefined;
  const wanted = feature.slice(2).split(' ');
  const tokens = inTitle ? analysis.titleTokens : analysis.tokens;
  const stems = inTitle ? stemTokens(tokens) : terms;
  for (let i = 0; i < stems.length; i++) {
    if (stems[i] !== wanted[0]) continue;
    const words = [i];
    for (let j = i + 1; j < stems.length && words.length < wanted.length; j++) {
      const term = stems[j] as string;
      if (term === BREAK) break;
      if (!(tokens[j] as Token).isWord || STOP_STEMS.has(term)) continue;
      if (term !== wanted[words.length]) break;
      words.push(j);
    }
    if (words.length === wanted.length) {
      const first = tokens[words[0] as number] as Token;
      const last = tokens[words[words.length - 1] as number] as Token;
      const text = inTitle ? undefined : analysis.text;
      return (
        text?.slice(first.start, last.end) ?? words.map((w) => (tokens[w] as Token).norm).join(' ')
      );
    }
  }
  return undefined;
}

/**
 * Description features as the model reads them: each sublinear count times the model's IDF,
 * L2-normalised over the words the model knows (others are dropped), so that a long posting
 * and a short one weigh alike and the words every posting has weigh least.
 */
export function tfIdf(
  features: Pick<RoleFeatures, 'names' | 'values'>,
  idf: ReadonlyMap<string, number>,
): { names: string[]; values: number[] } {
  const names: string[] = [];
  const values: number[] = [];
  let squares = 0;
  let firstWord = -1;
  for (let i = 0; i < features.names.length; i++) {
    const name = features.names[i] as string;
    let value = features.values[i] as number;
    if (name.startsWith('d:')) {
      const weight = idf.get(name);
      if (weight === undefined) continue;
      value *= weight;
      squares += value * value;
      if (firstWord < 0) firstWord = names.length;
    }
    names.push(name);
    values.push(value);
  }
  if (squares > 0) {
    const norm = Math.sqrt(squares);
    for (let i = Math.max(firstWord, 0); i < names.length; i++) {
      if ((names[i] as string).startsWith('d:')) values[i] = (values[i] as number) / norm;
    }
  }
  return { names, values };
}

function addTitleFeatures(
  titleTerms: readonly string[],
  add: (name: string, value: number) => void,
) {
  const words = titleTerms.filter((term) => term !== BREAK && /[\p{L}\p{N}]/u.test(term));
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    add(`t:${word}`, 1);
    const next = words[i + 1];
    if (next !== undefined) add(`t:${word} ${next}`, 1);
  }
}

function addDescriptionFeatures(
  analysis: Analysis,
  terms: readonly string[],
  features: Map<string, number>,
  known: DescriptionVocabulary | undefined,
) {
  const { tokens, sections } = analysis;
  const counts = new Map<string, number>();
  let sectionIndex = 0;
  let previous: string | null = null;
  // The vocabulary entry of `previous`, when scoring: its bigrams are looked up from it.
  let previousEntry: VocabularyEntry | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const term = terms[i] as string;
    if (!token.isWord || term === BREAK) {
      if (term === BREAK) previous = null;
      continue;
    }
    while (
      sectionIndex < sections.length - 1 &&
      (sections[sectionIndex]?.end ?? 0) <= token.start
    ) {
      sectionIndex++;
    }
    const kind = sections[sectionIndex]?.kind ?? 'other';
    const weight = SECTION_WEIGHT[kind];
    if (STOP_STEMS.has(term) || term.length < 2) {
      previous = null;
      continue;
    }
    if (known === undefined) {
      const unigram = `d:${term}`;
      counts.set(unigram, (counts.get(unigram) ?? 0) + weight);
      if (previous !== null && !token.lineBreak) {
        const bigram = `d:${previous} ${term}`;
        counts.set(bigram, (counts.get(bigram) ?? 0) + weight);
      }
    } else {
      // Only the n-grams the model reads: their names are the model's own strings, not built.
      const entry = known.get(term);
      if (entry?.unigram !== undefined) {
        counts.set(entry.unigram, (counts.get(entry.unigram) ?? 0) + weight);
      }
      const bigram =
        previous !== null && !token.lineBreak ? previousEntry?.next?.get(term) : undefined;
      if (bigram !== undefined) counts.set(bigram, (counts.get(bigram) ?? 0) + weight);
      previousEntry = entry;
    }
    previous = term;
  }
  for (const [name, count] of counts) features.set(name, Math.log1p(count));
}

/**
 * Role titles the description names, the earlier the more: a posting without its title often
 * says what the job is in its first lines ("As a Data Analyst you will ...").
 */
function addTitlesInDescription(
  analysis: Analysis,
  rules: CompiledRules,
  terms: readonly string[],
  add: (name: string, value: number) => void,
) {
  const length = Math.max(1, analysis.text.length);
  const byRole = new Map<string, number>();
  const opening = new Map<string, number>();
  const patterns = new Set<string>();
  for (let i = 0; i < terms.length; i++) {
    const token = analysis.tokens[i] as Token;
    if (!token.isWord) continue;
    const early = token.start / length < 0.25 ? 2 : 1;
    rules.titleTrie.matchAt(terms, i, ({ roleId, pattern }) => {
      const strength = pattern.weight / 3;
      byRole.set(roleId, Math.max(byRole.get(roleId) ?? 0, early * strength));
      if (token.start < OPENING_CHARS)
        opening.set(roleId, Math.max(opening.get(roleId) ?? 0, strength));
      patterns.add(pattern.text);
    });
  }
  for (const [roleId, value] of byRole) add(`dt:${roleId}`, value);
  for (const [roleId, value] of opening) add(`dt0:${roleId}`, value);
  for (const text of patterns) add(`dtp:${text}`, 1);
}

/**
 * Without a title, a short first line of the description is usually the title restated
 * ("Senior Data Engineer (Remote)"): its words count as title words.
 */
function addOpeningLineAsTitle(
  analysis: Analysis,
  terms: readonly string[],
  add: (name: string, value: number) => void,
) {
  const words: string[] = [];
  for (let i = 0; i < analysis.tokens.length; i++) {
    const token = analysis.tokens[i] as Token;
    if (i > 0 && token.lineBreak) break;
    if (!token.isWord) continue;
    words.push(terms[i] as string);
    if (words.length > OPENING_LINE_WORDS) return;
  }
  addTitleFeatures(words, add);
}

/**
 * Soft skills and spoken languages say how a job is done, not what it is: as role evidence they
 * only learned which roles' ads list more of them ("Communication" for Python Engineer). Fields
 * of study ("a degree in Computer Science") are asked of nearly every technical role alike.
 */
function isRoleEvidence(kind: SkillKind | undefined): boolean {
  return kind !== 'soft-skill' && kind !== 'field-of-study';
}

function addSkillFeatures(
  analysis: Analysis,
  rules: CompiledRules,
  add: (name: string, value: number) => void,
) {
  const languageWeight = new Map<string, number>();
  for (const skill of analysis.extraction.skills) {
    const value = LEVEL_VALUE[skill.requirement] * (skill.implied ? IMPLIED_FACTOR : 1);
    if (value === 0 || !isRoleEvidence(skill.kind)) continue;
    add(`s:${skill.id}`, value);
    if (skill.category === PROGRAMMING_LANGUAGES && !skill.implied) {
      languageWeight.set(skill.id, value * Math.log2(1 + skill.mentions.length));
    }
  }
  for (const id of analysis.titleSkills) {
    if (!isRoleEvidence(rules.skills.get(id)?.kind)) continue;
    add(`s:${id}`, 1);
    if (rules.skills.get(id)?.category === PROGRAMMING_LANGUAGES) {
      languageWeight.set(id, (languageWeight.get(id) ?? 0) + 3);
    }
  }
  let main: string | null = null;
  let best = 0;
  for (const [id, weight] of languageWeight) {
    if (weight > best) {
      best = weight;
      main = id;
    }
  }
  if (main !== null) add(`lang:${main}`, 1);
}

function addConjunctions(
  analysis: Analysis,
  titleTerms: readonly string[],
  terms: readonly string[],
  add: (name: string, value: number) => void,
) {
  const asked = new Set(analysis.titleSkills);
  for (const skill of analysis.extraction.skills) {
    if (skill.requirement !== 'negated') asked.add(skill.id);
  }
  const pythonWeb = [...PYTHON_WEB_FRAMEWORKS].some((id) => asked.has(id));
  const frontEnd = [...FRONT_END_SKILLS].some((id) => asked.has(id));
  const fullStackTitle = saysFullStack(titleTerms);
  const fullStackText = saysFullStack(terms);
  if (pythonWeb && fullStackTitle) add('x:full-stack title + python web framework', 1);
  if (pythonWeb && fullStackText) add('x:full-stack work + python web framework', 1);
  if (pythonWeb && frontEnd) add('x:python web framework + front end', 1);
}

function saysFullStack(terms: readonly string[]): boolean {
  for (let i = 0; i < terms.length; i++) {
    const term = terms[i];
    if (term === 'fullstack') return true;
    if (term === 'full') {
      const next = terms[i + 1] === '-' ? terms[i + 2] : terms[i + 1];
      if (next === 'stack') return true;
    }
  }
  return false;
}
