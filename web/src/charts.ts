/**
 * Chart.js, bundled at build time with only the parts the dashboard draws. `draw` replaces the
 * chart of a canvas and records on it how many data points it drew (`data-points`), which the
 * browser test reads beside the pixels.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  type ChartType,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Legend,
  Tooltip,
);

Chart.defaults.font.family =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
Chart.defaults.color = '#334155';
Chart.defaults.maintainAspectRatio = false;
if (window.matchMedia('(prefers-reduced-motion: reduce)').matches) {
  Chart.defaults.animation = false;
}

/** Required, preferred, mentioned, and the series after them. */
export const COLORS = {
  required: '#1d4ed8',
  preferred: '#60a5fa',
  mentioned: '#cbd5e1',
  series: ['#1d4ed8', '#db2777', '#059669', '#d97706', '#7c3aed', '#0891b2', '#dc2626'],
  role: '#0f766e',
  quartiles: '#99f6e4',
  median: '#134e4a',
};

export function draw<T extends ChartType>(
  canvas: HTMLCanvasElement,
  config: ChartConfiguration<T>,
): Chart<T> {
  Chart.getChart(canvas)?.destroy();
  if (canvas.parentElement !== null) canvas.parentElement.hidden = false;
  const chart = new Chart(canvas, config);
  const points = chart.data.datasets.reduce(
    (sum, dataset) => sum + dataset.data.filter((value) => value !== null).length,
    0,
  );
  canvas.dataset.points = String(points);
  return chart;
}

/** Removes the chart and folds its space away, for a panel with nothing to draw. */
export function clear(canvas: HTMLCanvasElement): void {
  Chart.getChart(canvas)?.destroy();
  canvas.dataset.points = '0';
  if (canvas.parentElement !== null) canvas.parentElement.hidden = true;
}

export type { Chart };
