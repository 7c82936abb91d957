import type { RoleMix } from '../api.js';
import { COLORS, clear, draw } from '../charts.js';
import { byId, formatNumber, h, percent, replace } from '../dom.js';

/** Postings per role as a bar chart, and the same as a list of buttons that choose the role. */
export function renderRoleMix(
  mix: RoleMix,
  roleName: (id: string) => string,
  selected: string | undefined,
  onSelect: (roleId: string) => void,
): void {
  const canvas = byId<HTMLCanvasElement>('role-mix-chart');
  const list = byId('role-list');
  const roles = [...mix.roles]
    .filter((r) => r.postings > 0)
    .sort((a, b) => b.postings - a.postings);
  if (roles.length === 0) {
    clear(canvas);
    replace(list, h('li', { class: 'muted' }, 'No postings yet.'));
    return;
  }
  draw(canvas, {
    type: 'bar',
    data: {
      labels: roles.map((r) => roleName(r.id)),
      datasets: [
        {
          label: 'Postings',
          data: roles.map((r) => r.postings),
          backgroundColor: roles.map((r) => (r.id === selected ? COLORS.required : COLORS.role)),
        },
      ],
    },
    options: {
      indexAxis: 'y',
      plugins: { legend: { display: false } },
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
      onClick: (_event, elements) => {
        const role = roles[elements[0]?.index ?? -1];
        if (role !== undefined) onSelect(role.id);
      },
    },
  });
  canvas.setAttribute(
    'aria-label',
    `Postings per role: ${roles.map((r) => `${roleName(r.id)} ${r.postings}`).join(', ')}`,
  );
  replace(
    list,
    ...roles.map((r) =>
      h(
        'li',
        {},
        h(
          'button',
          {
            class: 'bar-button',
            attrs: { type: 'button', 'aria-pressed': String(r.id === selected), 'data-role': r.id },
            on: { click: () => onSelect(r.id) },
          },
          h('span', { class: 'name' }, roleName(r.id)),
          h(
            'span',
            { class: 'value' },
            `${formatNumber(r.postings)} · ${percent(mix.postings === 0 ? 0 : r.postings / mix.postings)}`,
          ),
        ),
      ),
    ),
  );
}
