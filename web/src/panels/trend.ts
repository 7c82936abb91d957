import { getTrend } from '../api.js';
import { COLORS, clear, draw } from '../charts.js';
import { byId } from '../dom.js';
import { problemText } from '../problem.js';

/** The chosen skill's share of postings per period, one line per role (or the chosen role). */
export async function loadTrend(
  skill: { id: string; name: string } | undefined,
  roleId: string | undefined,
  by: 'week' | 'month',
  roleName: (id: string) => string,
): Promise<void> {
  const canvas = byId<HTMLCanvasElement>('trend-chart');
  const note = byId('trend-note');
  if (skill === undefined) {
    clear(canvas);
    note.textContent = 'Choose a skill.';
    return;
  }
  try {
    const trend = await getTrend(skill.id, roleId, by);
    const points =
      roleId === undefined ? trend.series : trend.series.filter((p) => p.role === roleId);
    const periods = [...new Set(points.map((p) => p.period))].sort();
    const roles = [...new Set(points.map((p) => p.role))];
    if (periods.length === 0) {
      clear(canvas);
      note.textContent = `No postings of this role ask for ${skill.name} yet.`;
      return;
    }
    note.textContent = `Share of ${roleId === undefined ? 'each role’s' : `${roleName(roleId)}`} postings per ${by} that ask for ${skill.name}.`;
    draw(canvas, {
      type: 'line',
      data: {
        labels: periods,
        datasets: roles.map((role, i) => ({
          label: roleName(role),
          data: periods.map((period) => {
            const point = points.find((p) => p.role === role && p.period === period);
            return point === undefined ? null : Math.round(point.share * 1000) / 10;
          }),
          borderColor: COLORS.series[i % COLORS.series.length],
          backgroundColor: COLORS.series[i % COLORS.series.length],
          spanGaps: true,
          tension: 0,
        })),
      },
      options: {
        plugins: { legend: { display: roles.length > 1, position: 'bottom' } },
        scales: {
          y: { beginAtZero: true, max: 100, ticks: { callback: (value) => `${value}%` } },
        },
      },
    });
  } catch (error) {
    clear(canvas);
    note.textContent = problemText(error, 'the trend');
  }
}
