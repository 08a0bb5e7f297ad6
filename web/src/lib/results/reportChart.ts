import type { Chart, ChartConfiguration } from 'chart.js';

/** A chart of the report: category labels and up to two series (the second on its own right-hand axis). */
export interface ReportChartData {
  type: 'bar' | 'line';
  labels: string[];
  series: { label: string; values: number[]; color: string }[];
}

// chart.js is loaded the first time a report chart is shown, in the same chunk the growth chart
// uses (lib/creators/lineChart.ts): the board pages do not wait for it.
let loading: Promise<typeof import('chart.js')> | null = null;
function loadChartJs() {
  loading ??= import('chart.js').then((module) => {
    const { Chart, BarController, BarElement, LineController, LineElement, PointElement } = module;
    const { CategoryScale, LinearScale, Legend, Tooltip, Filler } = module;
    Chart.register(
      BarController,
      BarElement,
      LineController,
      LineElement,
      PointElement,
      CategoryScale,
      LinearScale,
      Legend,
      Tooltip,
      Filler,
    );
    return module;
  });
  return loading;
}

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('en');

function config(data: ReportChartData): ChartConfiguration<'bar' | 'line', number[], string> {
  const twoAxes = data.series.length > 1;
  return {
    type: data.type,
    data: {
      labels: data.labels,
      datasets: data.series.map((series, index) => ({
        label: series.label,
        data: series.values,
        backgroundColor: data.type === 'bar' ? series.color : `${series.color}22`,
        borderColor: series.color,
        fill: data.type === 'line' && index === 0 ? 'origin' : false,
        tension: 0,
        pointRadius: 2.5,
        maxBarThickness: 56,
        yAxisID: index === 0 ? 'y' : 'y1',
      })),
    },
    options: {
      // Drawn at once: a printed or PDF page must not catch a chart halfway through its animation.
      animation: false,
      maintainAspectRatio: false,
      scales: {
        x: { ticks: { autoSkip: true, maxRotation: 0, maxTicksLimit: 12 } },
        y: {
          beginAtZero: true,
          ticks: { maxTicksLimit: 5, callback: (value) => compact.format(Number(value)) },
          title: { display: twoAxes, text: data.series[0]?.label ?? '' },
        },
        y1: {
          display: twoAxes,
          position: 'right',
          beginAtZero: true,
          grid: { drawOnChartArea: false },
          ticks: { maxTicksLimit: 5, callback: (value) => compact.format(Number(value)) },
          title: { display: twoAxes, text: data.series[1]?.label ?? '' },
        },
      },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 12 } },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${whole.format(Number(item.raw))}` } },
      },
    },
  };
}

/**
 * A Svelte action drawing a report chart on a canvas. The chart only draws: the element around
 * the canvas carries the text alternative, and every figure is also in the report's tables.
 * Printing changes the page's width, which chart.js does not notice by itself, so the chart is
 * resized when print media starts and ends.
 */
export function reportChart(canvas: HTMLCanvasElement, data: ReportChartData) {
  let chart: Chart<'bar' | 'line', number[], string> | null = null;
  let current = data;
  let destroyed = false;
  const print = window.matchMedia('print');
  const resize = () => chart?.resize();
  print.addEventListener('change', resize);
  window.addEventListener('beforeprint', resize);
  window.addEventListener('afterprint', resize);

  void loadChartJs().then(({ Chart }) => {
    if (destroyed) return;
    chart = new Chart(canvas, config(current));
    canvas.dataset.drawn = 'true';
  });

  return {
    update(next: ReportChartData) {
      current = next;
      if (!chart) return;
      chart.data = config(next).data;
      chart.update();
    },
    destroy() {
      destroyed = true;
      print.removeEventListener('change', resize);
      window.removeEventListener('beforeprint', resize);
      window.removeEventListener('afterprint', resize);
      chart?.destroy();
    },
  };
}
