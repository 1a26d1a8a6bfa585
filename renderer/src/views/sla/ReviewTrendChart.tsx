// The weekly trend as a chart (chart.js, loaded on first use so it never weighs on start-up): bars
// for tickets and first-response breaches, a line for the share within target on its own axis.
// Colours are the console's theme variables; the chart is built again when the system theme flips.
// The canvas is an image with a summary for assistive technology; the weekly table beside it holds
// every number.
import { useEffect, useRef, useSyncExternalStore } from 'react';
import type { Chart, ChartConfiguration } from 'chart.js';
import { formatCount } from '../../format/number';
import { useLang, useT } from '../../i18n';
import { formatShare } from './reviewFormat';

export interface TrendPoint {
  label: string;
  tickets: number;
  firstResponseBreaches: number;
  /** 0..1, null when no outcome is known that week. */
  withinTarget: number | null;
}

type Series = 'tickets' | 'first_response_breached' | 'within_target';
const seriesOrder: Series[] = ['tickets', 'first_response_breached', 'within_target'];

const DARK = '(prefers-color-scheme: dark)';

/** The system theme, so the chart is drawn again (in the other theme's colours) when it flips. */
function useDarkScheme(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const query = window.matchMedia(DARK);
      query.addEventListener('change', onChange);
      return () => query.removeEventListener('change', onChange);
    },
    () => window.matchMedia(DARK).matches,
  );
}

function colours(element: Element) {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: read('--text', '#1b1f24'),
    muted: read('--muted', '#59616d'),
    grid: read('--border', '#d5d9e0'),
    tickets: read('--chart-tickets', '#7fa6dd'),
    breaches: read('--chart-breaches', '#a0201e'),
    share: read('--chart-share', '#17622f'),
    surface: read('--surface', '#ffffff'),
    font: style.fontFamily,
  };
}

export function ReviewTrendChart({
  points,
  summary,
  onPick,
}: {
  points: TrendPoint[];
  summary: string;
  /** A click on a bar or point: that week's tickets for the series. */
  onPick(index: number, series: Series): void;
}) {
  const t = useT();
  const lang = useLang();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const chartRef = useRef<Chart<'bar' | 'line', (number | null)[], string> | null>(null);
  const dark = useDarkScheme();
  const pickRef = useRef(onPick);
  useEffect(() => {
    pickRef.current = onPick;
  });

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    let cancelled = false;

    void import('./reviewChartJs').then(({ Chart }) => {
      if (cancelled) return;
      const c = colours(canvas);
      const config: ChartConfiguration<'bar' | 'line', (number | null)[], string> = {
        type: 'bar',
        data: {
          labels: points.map((p) => p.label),
          datasets: [
            {
              type: 'bar',
              label: t('slaReview.col.tickets'),
              data: points.map((p) => p.tickets),
              backgroundColor: c.tickets,
              yAxisID: 'y',
              order: 2,
            },
            {
              type: 'bar',
              label: t('slaReview.col.frBreaches'),
              data: points.map((p) => p.firstResponseBreaches),
              backgroundColor: c.breaches,
              yAxisID: 'y',
              order: 2,
            },
            {
              type: 'line',
              label: t('slaReview.col.withinTarget'),
              data: points.map((p) =>
                p.withinTarget === null ? null : Math.round(p.withinTarget * 1000) / 10,
              ),
              borderColor: c.share,
              backgroundColor: c.share,
              pointBackgroundColor: c.surface,
              pointBorderWidth: 2,
              pointRadius: 4,
              borderWidth: 2,
              yAxisID: 'y1',
              order: 1,
            },
          ],
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          interaction: { mode: 'index', intersect: false },
          font: { family: c.font, size: 12 },
          onClick: (_event, elements) => {
            const hit = elements[0];
            const series = hit ? seriesOrder[hit.datasetIndex] : undefined;
            if (hit && series) pickRef.current(hit.index, series);
          },
          onHover: (event, elements) => {
            const target = event.native?.target;
            if (target instanceof HTMLElement)
              target.style.cursor = elements.length > 0 ? 'pointer' : 'default';
          },
          scales: {
            x: {
              ticks: { color: c.muted, font: { family: c.font } },
              grid: { display: false },
              border: { color: c.grid },
            },
            y: {
              beginAtZero: true,
              position: 'left',
              title: { display: true, text: t('slaReview.trend.axisTickets'), color: c.muted },
              ticks: {
                color: c.muted,
                precision: 0,
                font: { family: c.font },
                callback: (value) => formatCount(Number(value), lang),
              },
              grid: { color: c.grid },
              border: { display: false },
            },
            y1: {
              min: 0,
              max: 100,
              position: 'right',
              title: { display: true, text: t('slaReview.trend.axisShare'), color: c.muted },
              ticks: {
                color: c.muted,
                font: { family: c.font },
                callback: (value) => formatShare(Number(value) / 100, lang),
              },
              grid: { display: false },
              border: { display: false },
            },
          },
          plugins: {
            legend: {
              position: 'bottom',
              labels: {
                color: c.text,
                boxWidth: 12,
                boxHeight: 12,
                font: { family: c.font },
                sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0),
              },
            },
            tooltip: {
              callbacks: {
                label: (item) => {
                  const v = item.parsed.y;
                  if (v === null) return `${item.dataset.label ?? ''}: —`;
                  return item.dataset.yAxisID === 'y1'
                    ? `${item.dataset.label ?? ''}: ${formatShare(v / 100, lang)}`
                    : `${item.dataset.label ?? ''}: ${formatCount(v, lang)}`;
                },
              },
            },
          },
        },
      };
      const chart = new Chart(canvas, config);
      chartRef.current = chart;
    });

    return () => {
      cancelled = true;
      chartRef.current?.destroy();
      chartRef.current = null;
    };
    // `dark`: the colours are read from the theme's variables when the chart is built.
  }, [points, t, lang, dark]);

  return (
    <div className="trend-canvas">
      <canvas ref={canvasRef} role="img" aria-label={summary}>
        {summary}
      </canvas>
    </div>
  );
}
