export { type Analysis, analyzePosting } from './extract.js';
export { detectLanguage, languageName, toIso6391 } from './language.js';
export { matchSkills, type SkillMatch } from './match-skills.js';
export {
  asksOfCandidate,
  CUE_WINDOW,
  type CueWindow,
  cueWindow,
  type RequirementLevel,
  requirementOf,
  sentenceStarts,
} from './requirement-level.js';
export { extractSalary } from './salary.js';
export { classifyHeading, findSections, type Section, type SectionKind } from './sections.js';
export { detectSeniority } from './seniority.js';
export type {
  CertificationRequirement,
  EducationRequirement,
  ExtractedSkill,
  Extraction,
  PostingText,
  Salary,
  Seniority,
  SkillMention,
  WorkArrangement,
  YearsRange,
} from './types.js';
export { detectWorkArrangement } from './work-arrangement.js';
export { findYearsStatements, overallYears } from './years-experience.js';
