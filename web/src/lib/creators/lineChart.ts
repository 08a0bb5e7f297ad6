import type { Chart } from 'chart.js';

/** What the follower chart draws: one point per day of history; flagged points are drawn red. */
export interface LineChartData {
  /** Milliseconds since the epoch (the x axis). */
  x: number[];
  y: number[];
  flagged: boolean[];
}

// chart.js (about 60 KB gzipped with the parts below) is loaded the first time a chart is shown,
// in its own chunk: the board's first paint does not wait for it. Registered once.
let loading: Promise<typeof import('chart.js')> | null = null;
function loadChartJs() {
  loading ??= import('chart.js').then((module) => {
    const { Chart, LineController, LineElement, PointElement, LinearScale, Filler, Tooltip } = module;
    Chart.register(LineController, LineElement, PointElement, LinearScale, Filler, Tooltip);
    return module;
  });
  return loading;
}

const dateFormat = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: '2-digit',
  timeZone: 'UTC',
});
const numberFormat = new Intl.NumberFormat();

/**
 * A Svelte action drawing followers over time on a canvas with chart.js. The chart only draws: the
 * element around the canvas carries the text alternative, and the figures are also shown as text.
 */
export function lineChart(canvas: HTMLCanvasElement, data: LineChartData) {
  let chart: Chart<'line', { x: number; y: number }[]> | null = null;
  let current = data;
  let destroyed = false;
  const accent = getComputedStyle(canvas).getPropertyValue('--accent').trim() || '#4f46e5';
  const danger = getComputedStyle(canvas).getPropertyValue('--danger').trim() || '#dc2626';

  const points = (d: LineChartData) => d.x.map((x, i) => ({ x, y: d.y[i]! }));
  const colors = (d: LineChartData) => d.flagged.map((flag) => (flag ? danger : accent));
  const radii = (d: LineChartData) => d.flagged.map((flag) => (flag ? 5 : 2.5));

  void loadChartJs().then(({ Chart }) => {
    if (destroyed) return;
    chart = new Chart(canvas, {
      type: 'line',
      data: {
        datasets: [
          {
            data: points(current),
            borderColor: accent,
            backgroundColor: `${accent}1f`,
            fill: 'origin',
            // Straight lines between the measured points: a curve would invent followers in between.
            tension: 0,
            pointBackgroundColor: colors(current),
            pointBorderColor: colors(current),
            pointRadius: radii(current),
          },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: false,
        scales: {
          x: {
            type: 'linear',
            min: current.x[0],
            max: current.x.at(-1),
            ticks: { maxTicksLimit: 5, callback: (value) => dateFormat.format(Number(value)) },
          },
          y: { beginAtZero: false, ticks: { maxTicksLimit: 4, callback: (value) => compact(Number(value)) } },
        },
        plugins: {
          tooltip: {
            callbacks: {
              title: (items) => dateFormat.format(items[0]!.parsed.x ?? 0),
              label: (item) => `${numberFormat.format(item.parsed.y ?? 0)} followers`,
            },
          },
        },
      },
    });
  });

  return {
    update(next: LineChartData) {
      current = next;
      if (!chart) return;
      const dataset = chart.data.datasets[0]!;
      dataset.data = points(next);
      dataset.pointBackgroundColor = colors(next);
      dataset.pointBorderColor = colors(next);
      dataset.pointRadius = radii(next);
      const x = chart.options.scales!.x!;
      x.min = next.x[0];
      x.max = next.x.at(-1);
      chart.update();
    },
    destroy() {
      destroyed = true;
      chart?.destroy();
    },
  };
}

function compact(value: number): string {
  return new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}
