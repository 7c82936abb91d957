import { decodeHTML } from 'entities';
import { extractSalary } from '../../extract/index.js';
import {
  type EmploymentType,
  normalizeEmploymentType,
  type Remote,
  type Salary,
} from '../../posting/index.js';

/** What the first line of an "Ask HN: Who is hiring?" comment says. */
export interface HiringLine {
  /** The whole first line as text. */
  line: string;
  company?: string;
  title?: string;
  location?: string;
  remote?: Remote;
  employmentType?: EmploymentType;
  salary?: Salary;
}

const ROLE =
  /\b(?:engineers?|developers?|scientists?|managers?|designers?|architects?|analysts?|leads?|directors?|head of|cto|vp|sre|devops|programmers?|researchers?|recruiters?|writers?|specialists?|consultants?|administrators?|interns?|founding|staff|principal|marketers?|sales|product|qa|testers?|support|success|operations|accountants?|technicians?|ml|ai|data|frontend|backend|full[- ]?stack|mobile|ios|android|security|platform|infrastructure)\b/i;
const ARRANGEMENT = /\b(remote|on-?site|in[- ]office|hybrid)\b/i;
const EMPLOYMENT =
  /\b(?:full[- ]?time|part[- ]?time|contract(?:or)?|intern(?:ship)?|freelance|temporary|permanent)\b/i;
const URL_LIKE =
  /^(?:https?:\/\/|www\.)\S+$|^\S+\.(?:com|io|ai|co|dev|org|net|app|example)(?:\/\S*)?$/i;
const YC_BATCH = /\s*\((?:YC\s*)?[SWF]\d{2}\)\s*$/i;

/**
 * Reads the first line of a hiring comment (HN HTML, the text before the first `<p>`) by the
 * thread's convention `Company | Role | Location | REMOTE | Type | $Salary | URL`, fields in
 * any order, `|` or `•` between them: the company is the first field (a YC batch dropped),
 * the title the first field naming a role, the location the first with a comma or a remote
 * qualifier (`Remote (EU)`), salary and employment type wherever they are.
 */
export function parseHiringLine(html: string): HiringLine {
  const first = html.split(/<p>/i)[0] ?? html;
  const line = decodeHTML(first.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
  let fields = line.split(/\s*[|•]\s*/).filter((f) => f.length > 0);
  if (fields.length < 2) fields = line.split(/\s+[–—]\s+|\s+-\s+/).filter((f) => f.length > 0);
  const result: HiringLine = { line };
  const [company, ...rest] = fields;
  if (company !== undefined && fields.length > 1) result.company = company.replace(YC_BATCH, '');
  for (const field of rest) {
    if (URL_LIKE.test(field)) continue;
    const salary = /\d/.test(field) ? extractSalary(field) : null;
    if (salary !== null && result.salary === undefined) {
      const { text: _text, start: _start, end: _end, ...amount } = salary;
      result.salary = amount;
      continue;
    }
    const arrangement = ARRANGEMENT.exec(field);
    if (arrangement !== null && field.length <= 60 && !ROLE.test(field.replace(ARRANGEMENT, ''))) {
      result.remote ??= arrangementOf(arrangement[1] ?? '');
      // `Remote (EU, UTC-1 to UTC+3)` says where as well.
      if (field.trim().length > (arrangement[1] ?? '').length) result.location ??= field;
      continue;
    }
    if (EMPLOYMENT.test(field) && field.length <= 40) {
      const type = normalizeEmploymentType(field);
      if (type !== undefined) result.employmentType ??= type;
      continue;
    }
    if (result.title === undefined && ROLE.test(field)) {
      result.title = field;
      continue;
    }
    if (
      result.location === undefined &&
      (field.includes(',') || /^[A-Z][\p{L} .'-]+$/u.test(field))
    ) {
      result.location = field;
    }
  }
  return result;
}

function arrangementOf(word: string): Remote {
  const w = word.toLowerCase();
  if (w === 'remote') return 'remote';
  if (w === 'hybrid') return 'hybrid';
  return 'onsite';
}
