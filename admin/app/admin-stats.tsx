'use client';
import { useMemo } from 'react';
import { Tabs } from '@/components/modal';
import { Empty, ErrorNotice, Loading } from '@/components/states';
import { TimeChart } from '@/components/time-chart';
import { useApi } from '@/lib/use-api';
import { useQueryState } from '@/lib/use-query-state';

interface Stats {
  window: 'hour' | 'day';
  minutes: { t: string; calls: number; errors: number; error_rate: number | null; p95_ms: number | null }[];
  by_module: { module: string; calls: number }[];
  totals: { calls: number; errors: number; error_rate: number | null; p95_ms: number | null };
}

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)} %`);

/** The admin's view of this instance's tool calls (GET /api/stats), over the hour or the day (`?window=day`). */
export function AdminStats() {
  const [query, setQuery] = useQueryState();
  const span = query.get('window') === 'day' ? 'day' : 'hour';
  const stats = useApi<Stats>(`/stats?window=${span}`);
  const series = useMemo(() => {
    const minutes = stats.data?.minutes ?? [];
    return {
      times: minutes.map((m) => Date.parse(m.t) / 1000),
      calls: minutes.map((m) => m.calls),
      errors: minutes.map((m) => (m.error_rate === null ? null : Math.round(m.error_rate * 1000) / 10)),
      p95: minutes.map((m) => m.p95_ms),
    };
  }, [stats.data]);
  const top = Math.max(1, ...(stats.data?.by_module ?? []).map((m) => m.calls));
  return (
    <section aria-labelledby="calls" className="mb-4 rounded-lg border border-slate-300 bg-white p-4">
      <h2 id="calls" className="mb-2 text-lg font-semibold">
        Tool calls on this server
      </h2>
      <Tabs
        tabs={[
          { id: 'hour', label: 'Last hour' },
          { id: 'day', label: 'Last day' },
        ]}
        current={span}
        onChange={(id) => setQuery({ window: id === 'day' ? 'day' : null })}
      />
      <ErrorNotice error={stats.error} />
      {!stats.data && !stats.error && <Loading what="figures" />}
      {stats.data && (
        <>
          <p className="mb-3 text-sm" data-testid="totals">
            {stats.data.totals.calls} calls, error rate {percent(stats.data.totals.error_rate)}, P95 ≤{' '}
            {stats.data.totals.p95_ms ?? '—'} ms
          </p>
          {stats.data.minutes.length === 0 ? (
            <Empty>No figures yet: the server samples its counters once a minute.</Empty>
          ) : (
            <div className="grid gap-4 lg:grid-cols-3">
              <figure>
                <figcaption className="text-sm font-medium">Calls per minute</figcaption>
                <TimeChart label="Calls per minute" times={series.times} values={series.calls} unit="calls" />
              </figure>
              <figure>
                <figcaption className="text-sm font-medium">Error rate (%)</figcaption>
                <TimeChart label="Error rate" times={series.times} values={series.errors} unit="%" color="#b91c1c" />
              </figure>
              <figure>
                <figcaption className="text-sm font-medium">P95 latency (ms, bucket bound)</figcaption>
                <TimeChart label="P95 latency" times={series.times} values={series.p95} unit="ms" color="#0f766e" />
              </figure>
            </div>
          )}
          <h3 className="mt-4 mb-1 text-sm font-semibold">Calls by module</h3>
          {stats.data.by_module.length === 0 ? (
            <p className="text-sm text-slate-700">No calls in this window.</p>
          ) : (
            <ul className="space-y-1">
              {stats.data.by_module.map((m) => (
                <li key={m.module} className="grid grid-cols-[7rem_1fr_3rem] items-center gap-2 text-sm">
                  <span className="truncate">{m.module}</span>
                  <span className="h-3 rounded bg-indigo-600" style={{ width: `${(m.calls / top) * 100}%` }} />
                  <span className="text-right">{m.calls}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
