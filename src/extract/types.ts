import type { DescriptionDocument } from '../posting/index.js';
import type { SkillKind } from '../rules/index.js';
import type { RequirementLevel } from './requirement-level.js';
import type { Salary } from './salary.js';
import type { Seniority } from './seniority.js';

export type { RequirementLevel, Salary, Seniority };

/** What extraction reads: a title (may be empty) and a description as plain text or HTML. */
export interface PostingText {
  readonly title: string;
  readonly description: string;
  /**
   * The description already converted (`toTextDocument`, or `plainTextDocument` of a posting's
   * text and headings): read instead of `description`, and mention offsets index its `source`.
   */
  readonly document?: DescriptionDocument;
}

/** Where a skill is named. Offsets index the description as given (the HTML, for HTML input). */
export interface SkillMention {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface YearsRange {
  readonly min: number;
  readonly max: number | null;
}

export interface ExtractedSkill {
  readonly id: string;
  readonly name: string;
  readonly category: string;
  readonly kind: SkillKind;
  readonly requirement: RequirementLevel;
  /** Not named, but entailed by a named skill (Django → Python). */
  readonly implied: boolean;
  readonly mentions: readonly SkillMention[];
  /** Years of experience asked for this skill ("5+ years of Python"). */
  readonly years?: YearsRange;
}

export interface EducationRequirement {
  readonly id: string;
  readonly name: string;
  readonly level: string;
  readonly requirement: RequirementLevel;
  /** Fields of study named with it ("in Computer Science or a related field"). */
  readonly fields: readonly string[];
}

export interface CertificationRequirement {
  readonly id: string;
  readonly name: string;
  readonly requirement: RequirementLevel;
}

export type WorkArrangement = 'remote' | 'hybrid' | 'onsite';

/** Everything extraction finds in one posting. */
export interface Extraction {
  readonly skills: readonly ExtractedSkill[];
  readonly seniority: Seniority | null;
  readonly yearsExperience: YearsRange | null;
  readonly remote: WorkArrangement | null;
  /** ISO 639-1 code of the description's language ("en", "de"); null when too short to tell. */
  readonly language: string | null;
  readonly salary: Salary | null;
  readonly education: readonly EducationRequirement[];
  readonly certifications: readonly CertificationRequirement[];
}
