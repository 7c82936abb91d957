/**
 * Years-of-experience statements ("5+ years of Python", "Python (3+ years)") from a posting's
 * plain text. Pure: one `matchAll` pass of a precompiled pattern, then sticky or window-sized
 * checks around each hit.
 */

import { globalGate, type LineGate, matchAllOnLines } from '../text/index.js';

const YEAR_WORDS = globalGate('years');

export type YearsStatement = {
  min: number;
  /** Upper bound for "3-5 years" / "up to 2 years"; null when open-ended. */
  max: number | null;
  /** Span of the numeric phrase ("at least 5 years", "3-5 yrs", "five-plus years"). */
  start: number;
  end: number;
  /**
   * Span of what the years are about: "Python experience" in "5+ years of Python experience",
   * "Python" in "Python (3+ years)". Empty (start = end) when the text names no subject.
   */
  subjectStart: number;
  subjectEnd: number;
};

export type YearsRange = { min: number; max: number | null };

const WORD_NUMBERS: Readonly<Record<string, number>> = {
  a: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
};
const NUMBER =
  '(?<![\\d.])\\d{1,2}(?:\\.\\d)?(?![\\d%])|\\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|a)\\b';

/** The numeric phrase. */
const YEARS = new RegExp(
  '(?<pre>\\b(?:at\\s+least|a\\s+minimum\\s+of|minimum\\s+of|minimum|min\\.?|over|more\\s+than|' +
    'upwards\\s+of|in\\s+excess\\s+of|no\\s+less\\s+than|greater\\s+than|up\\s+to)\\s+)?' +
    `(?<n1>${NUMBER})` +
    `(?:\\s*(?:-|–|—|to|or)\\s*(?<n2>${NUMBER}))?` +
    '(?<plus>\\s*\\+|\\s*-?\\s*plus\\b|\\s+or\\s+more\\b)?' +
    '[\\s-]*(?:years?|yrs?)(?:\\(s\\))?\\b' +
    '(?<post>\\s*\\+|\\s+or\\s+more\\b|\\s+minimum\\b|\\s+plus\\b|\\s+at\\s+least\\b)?',
  'gi',
);

/** Years about something else: company age, durations, ages, contracts, vesting. */
const NOT_EXPERIENCE_BEFORE =
  /\b(?:founded|established|next|past|last|every|within|after|aged?|older\s+than|younger\s+than|since|first|each|per|around\s+for|anniversary|celebrating|vest(?:ed|s|ing)?|spread|paid|contract\s+of|term\s+of|period\s+of|duration\s+of|for\s+the|in\s+the|than|we\s+have|we've|we\s+bring|boasts?|boasting|(?:company|agency|firm|business|organi[sz]ation|consultancy|studio|brand|leader)\s+with)\s*$/i;
const NOT_EXPERIENCE_AFTER =
  /['’]?[\s-]*(?:ago|old|of\s+age|or\s+older|or\s+over|and\s+older|and\s+over|in\s+a\s+row|later|from\s+now|running|straight|of\s+(?:growth|history|operations?|service|tenure|employment\s+with\s+us|business|existence|success|innovation|profitab\w*|revenue|funding|college|university|school|study|studies|education|coursework|age|life)|in\s+(?:business|operation|the\s+making)|warranty|contracts?|vesting|vest|cliff|degree|programm?e|plans?|term|fixed|guarantee|anniversary|visa|residency|cycle|roadmap|period)\b/iy;

/** "of (professional) experience with", "' hands-on experience in", "experience:" … */
const EXPERIENCE_CHAIN =
  /['’]?\s*(?:(?:of|in)\s+)?(?:(?:professional|relevant|hands-on|hands\s+on|industry|commercial|practical|proven|direct|related|progressive|solid|strong|demonstrated|demonstrable|working|work|prior|previous|post-?\w+|full-time|production|real-world|recent|total|overall|combined|technical|paid)\s+)*(?:experience|exp\.?)(?![A-Za-z])(?:\s*(?<conn>with|in|using|of|on|across|building|developing|working\s+(?:with|on|in)|designing|as|at|doing|writing|leading|managing|within|around|delivering|in\s+the\s+field\s+of)\s+)?/iy;
/** "of Python", "in data engineering", "working with Kubernetes", "as a data engineer". */
const SUBJECT_CONNECTOR =
  /['’]?\s*(?:of\s+(?:hands-on\s+|professional\s+|practical\s+|commercial\s+)?|in\s+|with\s+|using\s+|working\s+(?:with|on|in|as)\s+|building\s+|developing\s+|designing\s+|as\s+|programming\s+(?:in\s+|with\s+)?|coding\s+(?:in\s+)?|writing\s+|leading\s+|managing\s+|delivering\s+|shipping\s+|running\s+|operating\s+)/iy;
/**
 * Clause ends: , ; ! ? newline, a parenthesis, a period ending a sentence, a spaced dash, or
 * "and"/"or" starting another years phrase ("… and 2 years of Go"). A plain " and " is not.
 */
const CLAUSE_END =
  /[,;!?\n()]|\.(?=\s|$)|\s[–—]\s|\s+(?:and|or|plus|with)\s+(?=(?:at\s+least\s+|a\s+minimum\s+of\s+|over\s+)?(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|a)\b[^,;\n]{0,12}?\b(?:years?|yrs?)\b)/gi;
const SUBJECT_TRAILER =
  /[\s:]+(?:(?:is|are)\s+)?(?:(?:strongly\s+|highly\s+)?(?:required|preferred|desired|desirable|essential|mandatory|a\s+plus|a\s+must|a\s+bonus|minimum|or\s+equivalent|or\s+similar))\s*$/i;
const EXPERIENCE_WORD = /\b(?:experience|exp\.?|expertise|background|track\s+record)(?![A-Za-z])/i;
/** Subjects that cannot be a skill or field ("Contract length: 2 years"). */
const LABEL_NOT_EXPERIENCE =
  /\b(?:contract|duration|term|length|vesting|age|warranty|period|history|founded|tenure|visa|guarantee|notice)\b/i;
const GENERIC_SUBJECT =
  /^(?:(?:of|in|with)\s+)?(?:(?:total|overall|professional|relevant|related|industry|commercial|work|working|practical|hands-on|proven|prior|previous|full-time|post-?\w+|progressive|general|direct|demonstrable|demonstrated|solid|strong|paid|combined|technical)\s+)*(?:experience|work\s+experience|software(?:\s+(?:development|engineering))?|engineering|development|programming|it|tech|technology|(?:the\s+)?industry|(?:an?\s+)?similar\s+(?:role|position|capacity)|(?:an?\s+)?related\s+(?:field|role|area)|(?:the|this)\s+field|the\s+role|this\s+role|the\s+workforce)(?:\s+(?:experience|required|preferred))?$/i;

function toNumber(raw: string): number {
  const w = WORD_NUMBERS[raw.toLowerCase()];
  return w ?? Number(raw);
}

function clauseEnd(text: string, from: number, limit: number): number {
  const window = text.slice(from, from + limit);
  CLAUSE_END.lastIndex = 0;
  const m = CLAUSE_END.exec(window);
  return from + (m === null ? window.length : m.index);
}

/** The text before `start` on the same line, at most `width` characters. */
function lineBefore(text: string, start: number, width: number): string {
  const window = text.slice(Math.max(0, start - width), start);
  return window.slice(window.lastIndexOf('\n') + 1);
}

/** Trim whitespace, bullets and required/preferred trailers from [s, e). */
function trimSpan(text: string, s: number, e: number): [number, number] {
  let a = s;
  let b = e;
  while (a < b && /[\s\-–—*•·▪‣●◦:(]/.test(text[a] ?? '')) a++;
  const trailer = SUBJECT_TRAILER.exec(text.slice(a, b));
  if (trailer !== null) b = a + trailer.index;
  while (b > a && /[\s:(\-–—]/.test(text[b - 1] ?? '')) b--;
  return [a, b];
}

function sticky(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

/** Start of the clause or list item that ends at `at` on the same line. */
function clauseStartBefore(text: string, at: number, limit: number): number {
  const floor = Math.max(0, at - limit);
  for (let i = at - 1; i >= floor; i--) {
    const ch = text[i];
    if (ch === '\n' || ch === ',' || ch === ';' || ch === ':' || ch === '•' || ch === '|') {
      return i + 1;
    }
    if (ch === '.' && /\s/.test(text[i + 1] ?? '')) return i + 1;
  }
  return floor;
}

/**
 * Every statement of years of experience in the text, in order. Years that are not about
 * experience ("founded 10 years ago", "a 2-year contract", "18 years or older") are left out.
 */
export function findYearsStatements(text: string, lines: LineGate = YEAR_WORDS): YearsStatement[] {
  const out: YearsStatement[] = [];
  for (const m of matchAllOnLines(text, YEARS, lines)) {
    const g = m.groups ?? {};
    const n1raw = g.n1;
    if (n1raw === undefined) continue;
    const start = m.index;
    const end = start + m[0].length;
    const pre = (g.pre ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
    // "a" only as "a year" / "over a year".
    if (n1raw.toLowerCase() === 'a' && (g.n2 !== undefined || /years/i.test(m[0]))) continue;

    const before = lineBefore(text, start, 40);
    if (NOT_EXPERIENCE_BEFORE.test(before)) continue;
    if (sticky(NOT_EXPERIENCE_AFTER, text, end) !== null) continue;

    let subject: [number, number] | null = null;
    const chain = sticky(EXPERIENCE_CHAIN, text, end);
    if (chain !== null) {
      const afterChain = end + chain[0].length;
      if (chain.groups?.conn !== undefined) {
        subject = trimSpan(text, afterChain, clauseEnd(text, afterChain, 160));
      } else {
        // "5 years of professional experience": the experience words themselves.
        const lead = /^['’]?\s*(?:(?:of|in)\s+)?/i.exec(chain[0]);
        subject = trimSpan(text, end + (lead?.[0].length ?? 0), afterChain);
      }
    } else {
      const conn = sticky(SUBJECT_CONNECTOR, text, end);
      if (conn !== null) {
        const from = end + conn[0].length;
        const span = trimSpan(text, from, clauseEnd(text, from, 160));
        if (span[1] > span[0]) subject = span;
      }
    }
    if (subject === null) {
      // "Python (3+ years)", "Python: 5 years", "Experience: 3-5 years", "Java - 4 yrs".
      const label = /(?:\(|:|\s[-–—])\s*$/.exec(before);
      const after = text.slice(end, Math.min(text.length, end + 3));
      if (label !== null && /^\s*(?:[),;.]|$|\n)/.test(after)) {
        const labelEnd = start - (before.length - label.index);
        const labelStart = clauseStartBefore(text, labelEnd, 80);
        const span = trimSpan(text, labelStart, labelEnd);
        const words = text.slice(span[0], span[1]);
        if (span[1] > span[0] && !LABEL_NOT_EXPERIENCE.test(words)) subject = span;
      }
    }
    if (subject === null) {
      // "Experience of 5+ years", "… or a Master's with 2 years": experience named earlier in the
      // sentence, or later in the same clause ("5 years professional Java experience").
      const window = text.slice(Math.max(0, start - 80), start);
      const earlier = window.slice(
        Math.max(window.lastIndexOf('\n'), window.lastIndexOf('. '), window.lastIndexOf(';')) + 1,
      );
      const clauseTo = clauseEnd(text, end, 80);
      const later = text.slice(end, clauseTo);
      if (EXPERIENCE_WORD.test(later)) subject = trimSpan(text, end, clauseTo);
      else if (EXPERIENCE_WORD.test(earlier)) subject = [end, end];
    }
    if (subject === null) continue;

    let min = toNumber(n1raw);
    let max: number | null = g.n2 === undefined ? null : toNumber(g.n2);
    if (pre === 'up to' && max === null) {
      max = min;
      min = 0;
    }
    if (max !== null && max < min) [min, max] = [max, min];
    if (!Number.isFinite(min) || min > 40 || (max !== null && max > 50)) continue;
    out.push({ min, max, start, end, subjectStart: subject[0], subjectEnd: subject[1] });
  }
  return out;
}

/**
 * The overall experience a posting asks for: the first statement about general or professional
 * experience (no subject, or a generic one like "software development"), else the smallest
 * minimum among all statements, else null.
 */
export function overallYears(
  statements: readonly YearsStatement[],
  text: string,
): YearsRange | null {
  let smallest: YearsStatement | null = null;
  for (const s of statements) {
    const subject = text.slice(s.subjectStart, s.subjectEnd).trim();
    if (subject === '' || GENERIC_SUBJECT.test(subject)) return { min: s.min, max: s.max };
    if (smallest === null || s.min < smallest.min) smallest = s;
  }
  return smallest === null ? null : { min: smallest.min, max: smallest.max };
}
