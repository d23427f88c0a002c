'use client';
import { type FormEvent, useState } from 'react';
import { Shell } from '@/components/shell';
import { buttonClass, Empty, ErrorNotice, inputClass, Loading, secondaryButtonClass } from '@/components/states';
import type { User } from '@/lib/types';
import { useApi } from '@/lib/use-api';
import { useQueryState } from '@/lib/use-query-state';

interface Entry {
  id: string;
  occurred_at: string | null;
  user_email: string | null;
  event: string;
  module: string | null;
  tool: string | null;
  reason: string | null;
}

/** The audit log, filtered and paged through the URL query (`?event=…&user_id=…&before=…`). */
function LogsView() {
  const [query, setQuery] = useQueryState();
  const users = useApi<{ users: User[] }>('/users');
  const params = new URLSearchParams({ limit: '50' });
  for (const key of ['event', 'user_id', 'before']) {
    const value = query.get(key);
    if (value) params.set(key, value);
  }
  const logs = useApi<{ entries: Entry[]; next_before: string | null }>(`/logs?${params}`);
  const [event, setEvent] = useState(query.get('event') ?? '');
  const [user, setUser] = useState(query.get('user_id') ?? '');
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setQuery({ event: event || null, user_id: user || null, before: null });
  };
  return (
    <>
      <form onSubmit={apply} className="mb-3 flex flex-wrap items-end gap-2">
        <label className="block">
          <span className="mb-1 block text-sm font-medium">Event</span>
          <input
            className={inputClass}
            value={event}
            onChange={(e) => setEvent(e.target.value)}
            placeholder="tool_call"
          />
        </label>
        <label className="block">
          <span className="mb-1 block text-sm font-medium">User</span>
          <select className={inputClass} value={user} onChange={(e) => setUser(e.target.value)}>
            <option value="">Everyone</option>
            {users.data?.users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.email}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={buttonClass}>
          Filter
        </button>
      </form>
      <ErrorNotice error={logs.error} />
      {logs.loading && !logs.data && <Loading what="the audit log" />}
      {logs.data?.entries.length === 0 && <Empty>No entries match. Clear the filters to see everything.</Empty>}
      {logs.data && logs.data.entries.length > 0 && (
        <div className="rounded-lg border border-slate-300 bg-white">
          <table className="w-full table-fixed text-left text-sm">
            <thead className="bg-slate-100">
              <tr>
                <th className="p-2">Time</th>
                <th className="p-2">User</th>
                <th className="p-2">Event</th>
                <th className="p-2">Tool</th>
                <th className="p-2">Reason</th>
              </tr>
            </thead>
            <tbody>
              {logs.data.entries.map((entry) => (
                <tr key={entry.id} className="border-t border-slate-200">
                  <td className="p-2 break-words">
                    {entry.occurred_at ? new Date(entry.occurred_at).toLocaleString() : ''}
                  </td>
                  <td className="p-2 break-all">{entry.user_email ?? '—'}</td>
                  <td className="p-2 break-all">{entry.event}</td>
                  <td className="p-2 break-all">{entry.module ? `${entry.module}.${entry.tool ?? ''}` : '—'}</td>
                  <td className="p-2 break-all">{entry.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="mt-3 flex gap-2">
        {query.get('before') && (
          <button type="button" className={secondaryButtonClass} onClick={() => setQuery({ before: null })}>
            Newest
          </button>
        )}
        {logs.data?.next_before && (
          <button
            type="button"
            className={secondaryButtonClass}
            onClick={() => setQuery({ before: logs.data?.next_before ?? null })}
          >
            Older
          </button>
        )}
      </div>
    </>
  );
}

export default function LogsPage() {
  return (
    <Shell title="Audit log">
      <LogsView />
    </Shell>
  );
}
