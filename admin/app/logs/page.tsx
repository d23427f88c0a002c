'use client';
import { type FormEvent, useState } from 'react';
import { Shell } from '@/components/shell';
import { buttonClass, Empty, ErrorNotice, inputClass, Loading, secondaryButtonClass } from '@/components/states';
import type { RegistryModule, User } from '@/lib/types';
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

const FILTERS = ['event', 'user_id', 'module', 'since', 'until'] as const;
const KNOWN_EVENTS = [
  'tool_called',
  'tool_denied',
  'session_started',
  'module_updated',
  'role_created',
  'user_created',
];

/** An ISO time as a `datetime-local` input shows it (the browser's time zone), and back. */
const toLocalInput = (iso: string | null) => {
  const time = iso ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(time)) return '';
  return new Date(time - new Date(time).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocalInput = (value: string) => (value ? new Date(value).toISOString() : null);

/** The filter form; keyed by the query, so back/forward show the filters of the list they restore. */
function LogFilters({
  query,
  setQuery,
  users,
  modules,
}: {
  query: URLSearchParams;
  setQuery: (changes: Record<string, string | null>) => void;
  users: User[];
  modules: RegistryModule[];
}) {
  const [event, setEvent] = useState(query.get('event') ?? '');
  const [user, setUser] = useState(query.get('user_id') ?? '');
  const [module, setModule] = useState(query.get('module') ?? '');
  const [since, setSince] = useState(toLocalInput(query.get('since')));
  const [until, setUntil] = useState(toLocalInput(query.get('until')));
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setQuery({
      event: event || null,
      user_id: user || null,
      module: module || null,
      since: fromLocalInput(since),
      until: fromLocalInput(until),
      before: null,
    });
  };
  const clear = () => {
    setEvent('');
    setUser('');
    setModule('');
    setSince('');
    setUntil('');
    setQuery({ event: null, user_id: null, module: null, since: null, until: null, before: null });
  };
  const filtered = FILTERS.some((key) => query.get(key));
  return (
    <form onSubmit={apply} className="mb-3 flex flex-wrap items-end gap-2">
      <label className="block">
        <span className="mb-1 block text-sm font-medium">Event</span>
        <input
          className={inputClass}
          value={event}
          list="known-events"
          onChange={(e) => setEvent(e.target.value)}
          placeholder="tool_called"
        />
        <datalist id="known-events">
          {KNOWN_EVENTS.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      </label>
      <label className="block">
        <span className="mb-1 block text-sm font-medium">User</span>
        <select className={inputClass} value={user} onChange={(e) => setUser(e.target.value)}>
          <option value="">Everyone</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.email}
            </option>
          ))}
        </select>
      </label>
      <label className="block">
        <span className="mb-1 block text-sm font-medium">Module</span>
        <select className={inputClass} value={module} onChange={(e) => setModule(e.target.value)}>
          <option value="">Any</option>
          {modules.map((m) => (
            <option key={m.name} value={m.name}>
              {m.display_name}
            </option>
          ))}
        </select>
      </label>
      <label className="block">
        <span className="mb-1 block text-sm font-medium">From</span>
        <input className={inputClass} type="datetime-local" value={since} onChange={(e) => setSince(e.target.value)} />
      </label>
      <label className="block">
        <span className="mb-1 block text-sm font-medium">Until</span>
        <input className={inputClass} type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} />
      </label>
      <button type="submit" className={buttonClass}>
        Filter
      </button>
      {filtered && (
        <button type="button" className={secondaryButtonClass} onClick={clear}>
          Clear filters
        </button>
      )}
    </form>
  );
}

/** The audit log, filtered and paged through the URL query (`?event=…&user_id=…&module=…&since=…&until=…&before=…`). */
function LogsView() {
  const [query, setQuery] = useQueryState();
  const users = useApi<{ users: User[] }>('/users');
  const modules = useApi<{ modules: RegistryModule[] }>('/modules');
  const params = new URLSearchParams({ limit: '50' });
  for (const key of [...FILTERS, 'before']) {
    const value = query.get(key);
    if (value) params.set(key, value);
  }
  const logs = useApi<{ entries: Entry[]; next_before: string | null }>(`/logs?${params}`);
  return (
    <>
      <LogFilters
        key={FILTERS.map((key) => query.get(key) ?? '').join('|')}
        query={query}
        setQuery={setQuery}
        users={users.data?.users ?? []}
        modules={modules.data?.modules ?? []}
      />
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
