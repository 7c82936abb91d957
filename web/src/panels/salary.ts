import { getSalary, type SalaryGroup } from '../api.js';
import { COLORS, clear, draw } from '../charts.js';
import { byId, formatNumber, h, replace } from '../dom.js';
import { problemText } from '../problem.js';

const unitOf = (g: SalaryGroup) => `${g.currency}/${g.period}`;

/**
 * Salary per role: the middle half (first to third quartile) as a floating bar and the median
 * as a point, in one currency and period at a time (the one most postings state, by default).
 */
export async function loadSalary(
  roleIds: readonly string[],
  roleName: (id: string) => string,
): Promise<void> {
  const canvas = byId<HTMLCanvasElement>('salary-chart');
  const note = byId('salary-note');
  const unitSelect = byId<HTMLSelectElement>('salary-unit');
  let groups: SalaryGroup[];
  try {
    groups = (await Promise.all(roleIds.map(getSalary))).flat().filter((g) => g.postings > 0);
  } catch (error) {
    clear(canvas);
    unitSelect.parentElement?.setAttribute('hidden', '');
    note.textContent = problemText(error, 'salaries');
    return;
  }
  const units = new Map<string, number>();
  for (const g of groups) units.set(unitOf(g), (units.get(unitOf(g)) ?? 0) + g.postings);
  const ordered = [...units].sort((a, b) => b[1] - a[1]);
  if (ordered.length === 0) {
    clear(canvas);
    unitSelect.parentElement?.setAttribute('hidden', '');
    note.textContent = 'No counted posting states a salary yet.';
    return;
  }
  const previous = unitSelect.value;
  replace(
    unitSelect,
    ...ordered.map(([unit, n]) => h('option', { attrs: { value: unit } }, `${unit} (${n})`)),
  );
  unitSelect.parentElement?.removeAttribute('hidden');
  unitSelect.disabled = ordered.length < 2;
  if (units.has(previous)) unitSelect.value = previous;
  unitSelect.onchange = () => show(unitSelect.value);

  function show(unit: string): void {
    const rows = groups.filter((g) => unitOf(g) === unit).sort((a, b) => b.median - a.median);
    note.textContent = `Median and middle half per role, ${unit}, over ${rows.reduce((n, g) => n + g.postings, 0)} postings that state one.`;
    draw(canvas, {
      type: 'bar',
      data: {
        labels: rows.map((g) => `${roleName(g.role)} (${g.postings})`),
        datasets: [
          {
            type: 'bar',
            label: 'middle half',
            data: rows.map((g) => [g.p25, g.p75] as [number, number]),
            backgroundColor: COLORS.quartiles,
            borderColor: COLORS.role,
            borderWidth: 1,
            order: 2,
          },
          {
            type: 'line',
            label: 'median',
            data: rows.map((g) => g.median),
            showLine: false,
            pointStyle: 'rectRot',
            pointRadius: 6,
            backgroundColor: COLORS.median,
            borderColor: COLORS.median,
            order: 1,
          },
        ],
      },
      options: {
        indexAxis: 'y',
        plugins: {
          legend: { position: 'bottom' },
          tooltip: {
            callbacks: {
              label: (item) => {
                const g = rows[item.dataIndex];
                if (g === undefined) return '';
                return item.datasetIndex === 0
                  ? `middle half ${formatNumber(g.p25)}–${formatNumber(g.p75)} (${g.postings} postings)`
                  : `median ${formatNumber(g.median)}`;
              },
            },
          },
        },
        scales: { x: { ticks: { callback: (value) => formatNumber(Number(value)) } } },
      },
    });
  }
  show(unitSelect.value);
}
