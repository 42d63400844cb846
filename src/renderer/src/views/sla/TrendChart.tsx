import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface TrendPoint {
  readonly at: number;
  readonly withinTargetShare: number | null;
}

const cssVar = (name: string): string =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';

/** Redraws when the theme attribute changes, so the chart keeps the theme's contrast. */
function useThemeKey(): string {
  const [key, setKey] = useState(() => document.documentElement.dataset['theme'] ?? '');
  useEffect(() => {
    const observer = new MutationObserver(() => {
      setKey(document.documentElement.dataset['theme'] ?? '');
    });
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      observer.disconnect();
    };
  }, []);
  return key;
}

/**
 * Share answered within target over time, drawn with uPlot (canvas). The canvas is
 * decorative for screen readers: the caller gives the same figures as text in `summary`.
 */
export function TrendChart({
  points,
  label,
  summary,
  formatTime,
}: {
  points: readonly TrendPoint[];
  label: string;
  summary: string;
  formatTime: (at: number) => string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const theme = useThemeKey();
  useEffect(() => {
    const el = host.current;
    if (el === null) return;
    const xs = points.map((p) => p.at / 1000);
    const ys = points.map((p) =>
      p.withinTargetShare === null ? null : Math.round(p.withinTargetShare * 1000) / 10,
    );
    const text = cssVar('--text');
    const grid = cssVar('--border');
    const line = cssVar('--accent');
    const plot = new uPlot(
      {
        width: Math.max(320, el.clientWidth),
        height: 220,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false }, y: { range: [0, 100] } },
        axes: [
          {
            stroke: text,
            grid: { stroke: grid, width: 1 },
            ticks: { stroke: grid },
            // Ticks on bucket starts, about eight of them, so labels read as whole hours or days.
            splits: () =>
              xs.filter((_, i) => (xs.length - 1 - i) % Math.max(1, Math.ceil(xs.length / 8)) === 0),
            values: (_u, splits) => splits.map((s) => formatTime(s * 1000)),
          },
          {
            stroke: text,
            grid: { stroke: grid, width: 1 },
            ticks: { stroke: grid },
            values: (_u, splits) => splits.map((s) => `${String(s)}%`),
          },
        ],
        series: [
          {},
          {
            label,
            stroke: line,
            width: 2,
            spanGaps: true,
            points: { show: true, size: 6, stroke: line, fill: line },
          },
        ],
      },
      [xs, ys],
      el,
    );
    const resize = new ResizeObserver(() => {
      plot.setSize({ width: Math.max(320, el.clientWidth), height: 220 });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [points, label, formatTime, theme]);

  return (
    <figure className="sla-trend" data-testid="sla-trend">
      <div ref={host} className="sla-trend-canvas" aria-hidden="true" />
      <figcaption>{summary}</figcaption>
    </figure>
  );
}
