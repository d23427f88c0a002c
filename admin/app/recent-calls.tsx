'use client';
import Link from 'next/link';
import { Badge, Empty, ErrorNotice, Loading } from '@/components/states';
import { useApi } from '@/lib/use-api';

interface Call {
  id: string;
  occurred_at: string | null;
  module: string | null;
  tool: string | null;
  ok: boolean;
  error_code: string | null;
  duration_ms: number | null;
}

/** The signed-in person's last tool calls (`GET /api/profile/calls`: the API gives nobody else's). */
export function RecentCalls() {
  const calls = useApi<{ calls: Call[] }>('/profile/calls?limit=10');
  return (
    <section
      aria-labelledby="recent-calls"
      aria-busy={!calls.data && !calls.error}
      className="mt-4 rounded-lg border border-slate-300 bg-white p-4"
    >
      <h2 id="recent-calls" className="mb-2 text-lg font-semibold">
        Your recent calls
      </h2>
      <ErrorNotice error={calls.error} />
      {!calls.data && !calls.error && <Loading what="recent calls" />}
      {calls.data?.calls.length === 0 && (
        <Empty>
          No tool calls yet: create a token on{' '}
          <Link className="underline" href="/tokens">
            Tokens
          </Link>{' '}
          and connect an MCP client.
        </Empty>
      )}
      {calls.data && calls.data.calls.length > 0 && (
        <ul className="divide-y divide-slate-200 text-sm">
          {calls.data.calls.map((call) => (
            <li key={call.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-1.5">
              <span className="min-w-0 break-all font-mono">
                {call.module}.{call.tool}
              </span>
              {call.ok ? <Badge tone="green">ok</Badge> : <Badge tone="red">failed {call.error_code ?? ''}</Badge>}
              {call.duration_ms !== null && <span className="text-slate-700">{call.duration_ms} ms</span>}
              <time className="text-slate-700" dateTime={call.occurred_at ?? undefined}>
                {call.occurred_at ? new Date(call.occurred_at).toLocaleString() : ''}
              </time>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
