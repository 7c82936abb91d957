import type { EmploymentType, Remote } from './posting.js';

/** Lowercase letters and digits only: `Full-time` → `fulltime`, `FULL_TIME` → `fulltime`. */
function squash(raw: string): string {
  return raw.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** Known spellings, squashed, across Ashby, Lever, Workable, SmartRecruiters, Recruitee, JSON-LD. */
const EMPLOYMENT_EXACT: ReadonlyMap<string, EmploymentType> = new Map([
  ['fulltime', 'FULL_TIME'],
  ['fulltimepermanent', 'FULL_TIME'],
  ['fulltimefixedterm', 'FULL_TIME'],
  ['fulltimeemployee', 'FULL_TIME'],
  ['parttime', 'PART_TIME'],
  ['parttimepermanent', 'PART_TIME'],
  ['parttimefixedterm', 'PART_TIME'],
  ['parttimetemporary', 'PART_TIME'],
  ['parttimeemployee', 'PART_TIME'],
  ['contract', 'CONTRACTOR'],
  ['contractor', 'CONTRACTOR'],
  ['contracttohire', 'CONTRACTOR'],
  ['freelance', 'CONTRACTOR'],
  ['freelancer', 'CONTRACTOR'],
  ['temporary', 'TEMPORARY'],
  ['temp', 'TEMPORARY'],
  ['fixedterm', 'TEMPORARY'],
  ['seasonal', 'TEMPORARY'],
  ['intern', 'INTERN'],
  ['internship', 'INTERN'],
  ['trainee', 'INTERN'],
  ['traineeship', 'INTERN'],
  ['apprentice', 'INTERN'],
  ['apprenticeship', 'INTERN'],
  ['werkstudent', 'INTERN'],
  ['volunteer', 'VOLUNTEER'],
  ['perdiem', 'PER_DIEM'],
  ['other', 'OTHER'],
]);

/** Fallback for free text, most specific first (`Full-time contract` is a contract). */
const EMPLOYMENT_CONTAINS: ReadonlyArray<readonly [string, EmploymentType]> = [
  ['intern', 'INTERN'],
  ['trainee', 'INTERN'],
  ['apprentice', 'INTERN'],
  ['volunteer', 'VOLUNTEER'],
  ['perdiem', 'PER_DIEM'],
  ['contract', 'CONTRACTOR'],
  ['freelance', 'CONTRACTOR'],
  ['parttime', 'PART_TIME'],
  ['fulltime', 'FULL_TIME'],
  ['temporary', 'TEMPORARY'],
  ['fixedterm', 'TEMPORARY'],
];

/**
 * Maps a source's employment type (Ashby `FullTime`, Lever/Workable `Full-time`, Recruitee
 * `fulltime_permanent`, JSON-LD `FULL_TIME`, `Contract`, `Intern`, `Part-time`, `Temporary`…)
 * to the JSON-LD enum. An array (JSON-LD allows one) gives its first recognised value.
 * Unknown, empty, or schedule-less values like `permanent` give `undefined`.
 */
export function normalizeEmploymentType(raw: unknown): EmploymentType | undefined {
  if (Array.isArray(raw)) {
    for (const item of raw) {
      const type = normalizeEmploymentType(item);
      if (type !== undefined) return type;
    }
    return undefined;
  }
  if (typeof raw !== 'string') return undefined;
  const key = squash(raw);
  if (key.length === 0) return undefined;
  const exact = EMPLOYMENT_EXACT.get(key);
  if (exact !== undefined) return exact;
  for (const [needle, type] of EMPLOYMENT_CONTAINS) {
    if (key.includes(needle)) return type;
  }
  return undefined;
}

const REMOTE_EXACT: ReadonlyMap<string, Remote> = new Map([
  ['remote', 'remote'],
  ['fullyremote', 'remote'],
  ['fullremote', 'remote'],
  ['remoteonly', 'remote'],
  ['100remote', 'remote'],
  ['telecommute', 'remote'],
  ['telecommuting', 'remote'],
  ['wfh', 'remote'],
  ['workfromhome', 'remote'],
  ['hybrid', 'hybrid'],
  ['onsite', 'onsite'],
  ['inoffice', 'onsite'],
  ['office', 'onsite'],
  ['inperson', 'onsite'],
]);

/**
 * Maps a structured workplace flag (Lever/Ashby `workplaceType`, Workable `workplace`, JSON-LD
 * `jobLocationType`: `remote`, `Remote`, `hybrid`, `on-site`, `onsite`, `OnSite`, `on_site`,
 * `TELECOMMUTE`…) to the tri-state. `true` (Workable `telecommuting`, Ashby `isRemote`) is
 * `remote`; `false` is `undefined`, since "not remote" may still be hybrid. Free text such as a
 * location (`Remote - US`) is not a flag and gives `undefined`.
 */
export function normalizeRemote(raw: unknown): Remote | undefined {
  if (raw === true) return 'remote';
  if (typeof raw !== 'string') return undefined;
  return REMOTE_EXACT.get(squash(raw));
}
