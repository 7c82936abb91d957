/**
 * Posting schema, HTML → text (keeping headings and list items), normalisation and keys.
 * Other folders import from here only.
 */

/** A posting's bytes → text, or an InputError (empty, binary, over the size limit). */
export { decodePosting, postingTooLarge } from './decode-input.js';
/** HTML → readable text, source offsets per char, heading ranges. */
export { htmlToText } from './html-to-text.js';
/** Source employment-type spellings → JSON-LD enum; structured workplace flags → tri-state. */
export { normalizeEmploymentType, normalizeRemote } from './normalize.js';
/** `contentFingerprint`: cross-source content hash; `parsePosting`: validate or InputError;
 * `postingKey`: `"source:sourceId"`. */
export {
  contentFingerprint,
  EMPLOYMENT_TYPES,
  type EmploymentType,
  employmentTypeSchema,
  type Posting,
  parsePosting,
  postingKey,
  postingSchema,
  REMOTE_VALUES,
  type Remote,
  remoteSchema,
  SALARY_PERIODS,
  type Salary,
  type SalaryPeriod,
  salaryPeriodSchema,
  salarySchema,
} from './posting.js';
export { isRegExpSpace } from './text-builder.js';
/** Any description (plain text, HTML, entity-escaped HTML) → `DescriptionDocument`. */
export {
  decodeEscapedHtml,
  looksLikeEscapedHtml,
  looksLikeHtml,
  plainTextDocument,
  plainTextHeadings,
  toTextDocument,
} from './text-document.js';
export type { DescriptionDocument, DescriptionFormat, TextDocument, TextRange } from './types.js';
