/**
 * The skill-demand dashboard: role mix, top skills of the chosen role, the chosen skill's share
 * over time and its postings, salary by role, and a box to classify a pasted posting. Reads
 * only jobsift's own HTTP API on the same origin.
 */
import './style.css';
import { getRoleMix, getRoles, getSkillStats, type RoleMix, type SkillStat } from './api.js';
import { byId, formatNumber, h, replace } from './dom.js';
import { setupClassify } from './panels/classify.js';
import { loadPostings } from './panels/postings.js';
import { renderRoleMix } from './panels/role-mix.js';
import { loadSalary } from './panels/salary.js';
import { renderSkills } from './panels/skills.js';
import { loadSources } from './panels/sources.js';
import { loadTrend } from './panels/trend.js';
import { problemText } from './problem.js';

const TOP_SKILLS = 15;

interface State {
  role: string | undefined;
  skill: { id: string; name: string } | undefined;
  by: 'week' | 'month';
  mix: RoleMix | undefined;
  skills: SkillStat[];
}

const state: State = { role: undefined, skill: undefined, by: 'month', mix: undefined, skills: [] };
const names = new Map<string, string>();
const roleName = (id: string): string => names.get(id) ?? id;

function report(error: unknown): void {
  byId('summary').textContent = problemText(error, 'the stats');
}

function renderMix(): void {
  if (state.mix !== undefined) renderRoleMix(state.mix, roleName, state.role, selectRole);
}

async function loadSkills(): Promise<void> {
  // All roles: every role's skills summed, so the top of all roles is exact, not of each top.
  const stats = await getSkillStats(state.role, state.role === undefined ? 500 : TOP_SKILLS);
  const role = state.role === undefined ? undefined : stats.roles.find((r) => r.id === state.role);
  const skills = role?.skills ?? mergeRoles(stats.roles);
  const postings = role?.postings ?? stats.postings;
  state.skills = skills;
  if (state.skill === undefined && skills[0] !== undefined) {
    state.skill = { id: skills[0].id, name: skills[0].name };
  }
  byId('skills-title').textContent =
    state.role === undefined ? 'Top skills, all roles' : `Top skills of ${roleName(state.role)}`;
  renderSkills(postings, skills, state.skill?.id, selectSkill);
}

function mergeRoles(roles: ReadonlyArray<{ postings: number; skills: SkillStat[] }>): SkillStat[] {
  const total = roles.reduce((n, r) => n + r.postings, 0);
  const merged = new Map<string, SkillStat>();
  for (const role of roles) {
    for (const s of role.skills) {
      const m = merged.get(s.id) ?? { ...s, count: 0, required: 0, preferred: 0, mentioned: 0 };
      m.count += s.count;
      m.required += s.required;
      m.preferred += s.preferred;
      m.mentioned += s.mentioned;
      merged.set(s.id, m);
    }
  }
  return [...merged.values()]
    .map((s) => ({ ...s, share: total === 0 ? 0 : s.count / total }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    .slice(0, TOP_SKILLS);
}

function loadSkillPanels(): Promise<unknown> {
  return Promise.all([
    loadTrend(state.skill, state.role, state.by, roleName),
    loadPostings(state.skill, state.role, roleName),
  ]);
}

function selectRole(roleId: string | undefined): void {
  state.role = roleId === '' ? undefined : roleId;
  state.skill = undefined;
  byId<HTMLSelectElement>('role-select').value = state.role ?? '';
  renderMix();
  loadSkills().then(loadSkillPanels).catch(report);
}

function selectSkill(skill: SkillStat): void {
  state.skill = { id: skill.id, name: skill.name };
  renderSkills(
    state.role === undefined
      ? (state.mix?.postings ?? 0)
      : (state.mix?.roles.find((r) => r.id === state.role)?.postings ?? 0),
    state.skills,
    skill.id,
    selectSkill,
  );
  document.body.dataset.skill = skill.id;
  loadSkillPanels().catch(report);
}

async function start(): Promise<void> {
  setupClassify(roleName);
  const select = byId<HTMLSelectElement>('role-select');
  select.addEventListener('change', () => selectRole(select.value));
  const by = byId<HTMLSelectElement>('trend-by');
  by.addEventListener('change', () => {
    state.by = by.value === 'week' ? 'week' : 'month';
    loadTrend(state.skill, state.role, state.by, roleName).catch(report);
  });

  const [roles, mix] = await Promise.all([getRoles(), getRoleMix()]);
  for (const role of roles) names.set(role.id, role.name);
  state.mix = mix;
  const counted = mix.roles.filter((r) => r.postings > 0).sort((a, b) => b.postings - a.postings);
  replace(
    select,
    h('option', { attrs: { value: '' } }, 'All roles'),
    ...counted.map((r) =>
      h('option', { attrs: { value: r.id } }, `${roleName(r.id)} (${r.postings})`),
    ),
  );
  byId('empty').hidden = mix.postings > 0;
  byId('summary').textContent =
    mix.postings === 0
      ? 'No postings counted yet.'
      : `${formatNumber(mix.postings)} postings${mix.from !== undefined && mix.to !== undefined ? ` posted ${mix.from} to ${mix.to}` : ''}, in ${counted.length} roles.`;
  // The busiest role of the taxonomy is chosen first ("other" only when nothing else counted).
  state.role = (counted.find((r) => r.id !== 'other') ?? counted[0])?.id;
  select.value = state.role ?? '';
  renderMix();
  await Promise.all([
    loadSources(),
    loadSkills().then(loadSkillPanels),
    loadSalary(
      counted.map((r) => r.id),
      roleName,
    ),
  ]);
}

start().then(
  () => {
    document.body.dataset.ready = 'true';
  },
  (error: unknown) => {
    report(error);
    document.body.dataset.ready = 'error';
  },
);
