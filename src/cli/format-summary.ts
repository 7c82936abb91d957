import type { Enrichment } from '../classify/index.js';
import { type ExtractedSkill, languageName, type YearsRange } from '../extract/index.js';
import type { CompiledRules } from '../rules/index.js';

/** The human-readable summary `jobsift classify` prints without --json. */
export function formatSummary(title: string, enrichment: Enrichment, rules: CompiledRules): string {
  const lines: string[] = [];
  const nameOf = (id: string) => rules.roleById.get(id)?.name ?? id;
  const { role, roles } = enrichment;
  if (title) lines.push(title);
  if (enrichment.language !== null && enrichment.language !== 'en') {
    const code = enrichment.language;
    const caveat = rules.languages.has(code)
      ? `requirement cues from rules/language/${code}.yaml; the skill and role rules are English, so the role may be unreliable`
      : `no rules/language/${code}.yaml, so requirement levels are only "mentioned"; the skill and role rules are English and may be unreliable`;
    lines.push(`Language:   ${languageName(code, rules.languages)} (${code}) — ${caveat}`);
  }
  const runnersUp = roles
    .slice(1, 3)
    .filter((entry) => entry.score >= 0.01)
    .map((entry) => `${nameOf(entry.id)} ${entry.score.toFixed(2)}`);
  lines.push(
    `Role:       ${role.name} (${role.id}) ${role.score.toFixed(2)}${runnersUp.length ? `; next: ${runnersUp.join(', ')}` : ''}`,
  );
  const why = enrichment.reasons
    .filter((reason) => reason.role === role.id)
    .slice(0, 6)
    .map((reason) => `${reason.kind} "${reason.text}" +${reason.weight}`);
  if (why.length) lines.push(`Why:        ${why.join(', ')}`);

  const facts = [
    enrichment.seniority && `seniority ${enrichment.seniority}`,
    enrichment.yearsExperience && `experience ${formatYears(enrichment.yearsExperience)}`,
    enrichment.remote && `work ${enrichment.remote}`,
    enrichment.salary && `salary ${formatSalary(enrichment.salary)}`,
  ].filter(Boolean);
  if (facts.length) lines.push(`Facts:      ${facts.join(' · ')}`);

  const group = (label: string, level: ExtractedSkill['requirement']) => {
    const skills = enrichment.skills.filter((skill) => skill.requirement === level);
    if (skills.length) lines.push(`${label.padEnd(12)}${skills.map(formatSkill).join(', ')}`);
  };
  group('Required:', 'required');
  group('Preferred:', 'preferred');
  group('Not wanted:', 'negated');
  group('Mentioned:', 'mentioned');
  if (enrichment.education.length) {
    const education = enrichment.education.map(
      (entry) =>
        `${entry.name}${entry.fields.length ? ` in ${entry.fields.join(' or ')}` : ''} (${entry.requirement})`,
    );
    lines.push(`Education:  ${education.join(', ')}`);
  }
  if (enrichment.certifications.length) {
    const certifications = enrichment.certifications.map(
      (entry) => `${entry.name} (${entry.requirement})`,
    );
    lines.push(`Certified:  ${certifications.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

function formatSkill(skill: ExtractedSkill): string {
  const notes = [
    skill.implied ? 'implied' : '',
    skill.years ? formatYears(skill.years) : '',
  ].filter(Boolean);
  return notes.length ? `${skill.name} (${notes.join(', ')})` : skill.name;
}

function formatYears(years: YearsRange): string {
  return years.max === null
    ? `${years.min}+ years`
    : years.max === years.min
      ? `${years.min} years`
      : `${years.min}-${years.max} years`;
}

function formatSalary(salary: NonNullable<Enrichment['salary']>): string {
  const amount = (value: number | undefined) =>
    value === undefined ? '' : value.toLocaleString('en-US');
  const range =
    salary.min !== undefined && salary.max !== undefined && salary.min !== salary.max
      ? `${amount(salary.min)}-${amount(salary.max)}`
      : salary.min !== undefined
        ? `${amount(salary.min)}${salary.max === undefined ? '+' : ''}`
        : `up to ${amount(salary.max)}`;
  return `${range} ${salary.currency}/${salary.period}`;
}
