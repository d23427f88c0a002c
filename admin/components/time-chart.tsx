'use client';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/**
 * One time series as a uPlot line chart, sized to its container. `label`
 * names the chart for screen readers; the figures are also given as text
 * beside it by the caller.
 */
export function TimeChart({
  label,
  times,
  values,
  unit,
  color = '#4338ca',
}: {
  label: string;
  /** Seconds since the epoch. */
  times: number[];
  values: (number | null)[];
  unit: string;
  color?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const chart = new uPlot(
      {
        width: element.clientWidth,
        height: 160,
        legend: { show: false },
        series: [
          {},
          { label, stroke: color, width: 2, spanGaps: false, value: (_u, v) => (v == null ? '—' : `${v} ${unit}`) },
        ],
        axes: [{}, { size: 50 }],
      },
      [times, values],
      element,
    );
    const resize = new ResizeObserver(() => chart.setSize({ width: element.clientWidth, height: 160 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [label, times, values, unit, color]);
  return <div ref={box} role="img" aria-label={label} className="w-full" />;
}
