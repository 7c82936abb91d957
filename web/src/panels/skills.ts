import type { SkillStat } from '../api.js';
import { COLORS, clear, draw } from '../charts.js';
import { byId, h, percent, replace } from '../dom.js';

/**
 * The top skills of the chosen role: a stacked bar per skill (share of the role's postings
 * that require, prefer or mention it), and a list of buttons with the same numbers, which
 * choose the skill by keyboard as a click on its bar does.
 */
export function renderSkills(
  postings: number,
  skills: readonly SkillStat[],
  selected: string | undefined,
  onSelect: (skill: SkillStat) => void,
): void {
  const canvas = byId<HTMLCanvasElement>('skills-chart');
  const list = byId('skills-list');
  if (skills.length === 0 || postings === 0) {
    clear(canvas);
    replace(list, h('li', { class: 'muted' }, 'No skills counted for this role yet.'));
    return;
  }
  const share = (n: number) => Math.round((n / postings) * 1000) / 10;
  const levels = ['required', 'preferred', 'mentioned'] as const;
  draw(canvas, {
    type: 'bar',
    data: {
      labels: skills.map((s) => s.name),
      datasets: levels.map((level) => ({
        label: level,
        data: skills.map((s) => share(s[level])),
        backgroundColor: COLORS[level],
        borderColor: skills.map((s) => (s.id === selected ? '#0f172a' : 'transparent')),
        borderWidth: 1,
      })),
    },
    options: {
      indexAxis: 'y',
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (item) => {
              const skill = skills[item.dataIndex];
              const level = levels[item.datasetIndex];
              if (skill === undefined || level === undefined) return '';
              return `${level}: ${skill[level]} of ${postings} postings (${item.formattedValue}%)`;
            },
          },
        },
      },
      scales: {
        x: {
          stacked: true,
          beginAtZero: true,
          max: 100,
          ticks: { callback: (value) => `${value}%` },
        },
        y: { stacked: true, ticks: { autoSkip: false } },
      },
      onClick: (_event, elements) => {
        const skill = skills[elements[0]?.index ?? -1];
        if (skill !== undefined) onSelect(skill);
      },
      onHover: (event, elements) => {
        const target = event.native?.target;
        if (target instanceof HTMLElement)
          target.style.cursor = elements.length > 0 ? 'pointer' : '';
      },
    },
  });
  canvas.setAttribute(
    'aria-label',
    `Top skills: ${skills.map((s) => `${s.name} ${percent(s.share)}`).join(', ')}`,
  );
  replace(
    list,
    ...skills.map((s) =>
      h(
        'li',
        {},
        h(
          'button',
          {
            class: 'bar-button',
            attrs: {
              type: 'button',
              'aria-pressed': String(s.id === selected),
              'data-skill': s.id,
            },
            on: { click: () => onSelect(s) },
          },
          h('span', { class: 'name' }, s.name),
          h('span', { class: 'value' }, percent(s.share)),
          h(
            'span',
            { class: 'levels muted' },
            `${s.required} required · ${s.preferred} preferred${s.mentioned > 0 ? ` · ${s.mentioned} mentioned` : ''}`,
          ),
        ),
      ),
    ),
  );
}
