/**
 * Remote / hybrid / on-site from a posting's title and plain-text description. Pure: one
 * `matchAll` pass of a precompiled cue pattern per input, with short negation checks per cue.
 */

import { globalGate, type LineGate, matchAllOnLines } from '../text/index.js';

export type WorkArrangement = 'remote' | 'hybrid' | 'onsite';

/** Unrelated senses of "remote" ("remote sensing", "remote sites", "remote support"). */
const NOT_REMOTE_SENSE =
  '(?![\\s-]+(?:sensing|sensors?|monitoring|control(?:s|led|ler)?|patients?|procedures?|procedure\\s+calls?|access|desktops?|management|diagnostics?|operations?\\s+cent(?:er|re)|sites?|areas?|locations?|communities|villages?|regions?|islands?|towns?|parts|rural|device|devices|servers?|hosts?|repositor(?:y|ies)|branch(?:es)?|origin|shells?|execution|debugging|assistance|troubleshooting|support|viewing|surveillance|camera|pilot|piloted|vehicles?|controlled|learning\\s+(?:tools|platforms?)|care|consultations?|health|telemetry|terminals?|storage|backups?|api|calls?|code|URL|database)\\b)';
/** Unrelated senses of "hybrid" ("hybrid cloud", "hybrid apps"). */
const NOT_HYBRID_SENSE =
  '(?![\\s-]+(?:cloud|clouds|apps?|applications?|mobile|vehicles?|cars?|electric|engines?|infrastructure|integration|architectures?|solutions?|systems?|ml|ai|search|storage|networks?|networking|data|deployments?|it|identity|tech|technolog(?:y|ies)|methods?|algorithms?|environments?|materials?|seeds?|cells?|genetics|cloud-native|multi-cloud)\\b)';

const CUES = new RegExp(
  [
    // hybrid: "hybrid", "2 days in the office", "3 days a week in office", "in the office 2 days"
    `(?<hybrid>\\bhybrid\\b${NOT_HYBRID_SENSE}|` +
      '\\b(?:[1-4]|one|two|three|four)(?:\\s*(?:-|–|to|or)\\s*(?:[1-4]|two|three|four))?\\s*days?\\s+' +
      '(?:(?:a|per|each|every)\\s+week\\s+)?(?:(?:in|at|from|on-?site\\s+(?:in|at))\\s+)?(?:the\\s+|our\\s+)?(?:office|hq|headquarters|studio|on-?site)\\b|' +
      '\\b(?:(?:in|at)\\s+(?:the|our)\\s+(?:office|hq)|on[\\s-]?site|in[\\s-]office)\\s+' +
      '(?:[1-4]|one|two|three|four)(?:\\s*(?:-|–|to|or)\\s*[1-4])?\\s+days?\\b|' +
      '\\bpartially\\s+remote\\b|\\bpartly\\s+remote\\b|\\bsplit\\s+between\\s+(?:home|remote)\\s+and\\s+(?:the\\s+)?office\\b)',
    // remote
    `(?<remote>\\b(?:fully\\s+|100%\\s+)?remote(?:ly)?(?:-first|-friendly)?\\b${NOT_REMOTE_SENSE}|` +
      '\\bwork(?:ing)?[\\s-]+from[\\s-]+home\\b|\\bWFH\\b|\\bhome[\\s-]based\\b|' +
      '\\btele-?commut(?:e|ing)\\b|\\bdistributed\\s+(?:team|company|workforce)\\b|' +
      '\\bwork(?:ing)?\\s+(?:from\\s+)?anywhere\\b|\\banywhere\\s+in\\s+the\\s+(?:world|US|USA|UK|EU|country)\\b|' +
      '\\b(?:location|based)\\s*:\\s*anywhere\\b)',
    // on-site
    '(?<onsite>\\bon[\\s-]?site\\b(?![\\s-]+(?:visits?|interviews?|clients?|customer|support|meetings?|events?|days?|gym|parking|cafeteria|childcare|daycare|amenities)\\b)|' +
      '\\bin[\\s-]office\\b|\\boffice[\\s-]based\\b|\\bin[\\s-]person\\b(?![\\s-]+(?:interviews?|meetings?|events?|offsites?|retreats?|gatherings?|onboarding))|' +
      '\\bnon-remote\\b)',
  ].join('|'),
  'gi',
);

/** Negation just before a cue: "not a remote position", "no remote", "not eligible for remote". */
const NEGATED_BEFORE =
  /\b(?:not|no|never|isn't|aren't|cannot|can't|unable\s+to|without|nor)(?:[\s-]+(?:an?|the|be|been|fully|100%|eligible|available|possible|for|offered|considered|open\s+to|performed|done|worked|work|working|a|role|position|job|this|considered))*[\s-]*$/i;
/** Negation just after a cue: "remote work is not possible", "Remote: No". */
const NEGATED_AFTER =
  /[\s-]*(?:(?:work(?:ing)?|options?|positions?|roles?|arrangements?|applicants?|candidates?)\s+)?(?:(?:is|are|will\s+be|isn't|aren't)\s+)?(?:not|n't|un)\s*(?:possible|available|an\s+option|offered|supported|permitted|allowed|considered|eligible)\b|\s*[:?]\s*(?:no|not|none|false|n\/a)\b/iy;

/** Every cue contains one of these: lines without them are not searched. */
const CUE_WORDS = globalGate('workplace');

type Found = { hybrid: boolean; remote: boolean; onsite: boolean };

function scan(text: string, lines: LineGate = CUE_WORDS): Found {
  const found: Found = { hybrid: false, remote: false, onsite: false };
  for (const m of matchAllOnLines(text, CUES, lines)) {
    const g = m.groups ?? {};
    const start = m.index;
    const end = start + m[0].length;
    const window = text.slice(Math.max(0, start - 40), start);
    const before = window.slice(window.lastIndexOf('\n') + 1);
    NEGATED_AFTER.lastIndex = end;
    const negated =
      g.onsite === undefined && (NEGATED_BEFORE.test(before) || NEGATED_AFTER.test(text));
    if (g.hybrid !== undefined) {
      if (!negated) found.hybrid = true;
    } else if (g.remote !== undefined) {
      // "This is not a remote position" says on-site.
      if (negated) found.onsite = true;
      else found.remote = true;
    } else if (g.onsite !== undefined) {
      found.onsite = true;
    }
  }
  return found;
}

function decide(found: Found): WorkArrangement | null {
  if (found.hybrid) return 'hybrid';
  if (found.remote) return 'remote';
  if (found.onsite) return 'onsite';
  return null;
}

/**
 * Whether a posting is remote, hybrid or on-site. A cue in the title ("(Remote)",
 * "Remote - US") decides; otherwise the text's cues, explicit hybrid over remote over on-site.
 * Negated cues ("not remote", "remote work is not possible") count for on-site.
 * `textLines`: the lines of `text` where the workplace gate opens, when already known.
 */
export function detectWorkArrangement(
  title: string,
  text: string,
  textLines?: LineGate,
): WorkArrangement | null {
  return decide(scan(title)) ?? decide(scan(text, textLines));
}
