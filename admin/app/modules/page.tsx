'use client';
import { type FormEvent, useState } from 'react';
import { Modal } from '@/components/modal';
import { Shell } from '@/components/shell';
import {
  Badge,
  buttonClass,
  dangerButtonClass,
  ErrorNotice,
  inputClass,
  Loading,
  secondaryButtonClass,
} from '@/components/states';
import { api } from '@/lib/api';
import type { RegistryModule } from '@/lib/types';
import { useApi } from '@/lib/use-api';
import { useQueryState } from '@/lib/use-query-state';

const TONE = { stable: 'green', deprecated: 'amber', broken: 'red' } as const;
const STATUSES = ['stable', 'deprecated', 'broken'] as const;

/** `?edit=<module>`: status and notes (`PATCH /api/modules/{name}`); marking a module broken asks first. */
function EditModule({ module, onDone }: { module: RegistryModule; onDone: (saved: boolean) => void }) {
  const [status, setStatus] = useState(module.status);
  const [notes, setNotes] = useState(module.notes ?? '');
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<Error>();
  const save = async () => {
    try {
      await api('PATCH', `/modules/${encodeURIComponent(module.name)}`, { status, notes: notes.trim() || null });
      onDone(true);
    } catch (problem) {
      setError(problem as Error);
      setAsking(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (status === 'broken' && module.status !== 'broken') setAsking(true);
    else void save();
  };
  return (
    <Modal title={`Edit ${module.display_name}`} onClose={() => onDone(false)}>
      <form onSubmit={submit} className="space-y-3">
        <label className="block">
          <span className="mb-1 block text-sm font-medium">Status</span>
          <select
            className={inputClass}
            value={status}
            onChange={(e) => setStatus(e.target.value as RegistryModule['status'])}
          >
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </label>
        <label className="block">
          <span className="mb-1 block text-sm font-medium">Notes</span>
          <textarea
            className={inputClass}
            rows={3}
            maxLength={2000}
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
          />
        </label>
        <ErrorNotice error={error} />
        {asking ? (
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <span>A broken module leaves every user’s tools at once. Mark it broken?</span>
            <button type="button" className={dangerButtonClass} onClick={() => void save()}>
              Mark broken
            </button>
            <button type="button" className={secondaryButtonClass} onClick={() => setAsking(false)}>
              Cancel
            </button>
          </p>
        ) : (
          <button type="submit" className={buttonClass}>
            Save
          </button>
        )}
      </form>
    </Modal>
  );
}

function ModulesView() {
  const [query, setQuery] = useQueryState();
  const modules = useApi<{ modules: RegistryModule[] }>('/modules');
  if (!modules.data) return modules.error ? <ErrorNotice error={modules.error} /> : <Loading what="modules" />;
  const editing = modules.data.modules.find((module) => module.name === query.get('edit'));
  return (
    <>
      <ul className="space-y-3">
        {modules.data.modules.map((module) => (
          <li key={module.name} className="rounded-lg border border-slate-300 bg-white p-4">
            <div className="flex flex-wrap items-center gap-2">
              <h2 className="text-lg font-semibold">{module.display_name}</h2>
              <Badge tone={TONE[module.status]}>{module.status}</Badge>
              <button
                type="button"
                className={`${secondaryButtonClass} ml-auto`}
                aria-label={`Edit ${module.display_name}`}
                onClick={() => setQuery({ edit: module.name })}
              >
                Edit
              </button>
            </div>
            <p className="text-sm text-slate-700">{module.description}</p>
            <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-3 text-sm">
              <dt className="font-medium">API version</dt>
              <dd>{module.api_version || '—'}</dd>
              <dt className="font-medium">Package</dt>
              <dd className="break-all">
                {module.package_name ?? '—'} {module.package_version ?? ''}
              </dd>
              <dt className="font-medium">Last verified</dt>
              <dd>{module.last_verified_at ? new Date(module.last_verified_at).toLocaleString() : 'never'}</dd>
              <dt className="font-medium">Notes</dt>
              <dd className="break-words">{module.notes ?? '—'}</dd>
            </dl>
            {module.load_error && <p className="mt-2 text-sm text-red-800">Load error: {module.load_error}</p>}
          </li>
        ))}
      </ul>
      {editing && (
        <EditModule
          key={editing.name}
          module={editing}
          onDone={(saved) => {
            setQuery({ edit: null });
            if (saved) modules.reload();
          }}
        />
      )}
    </>
  );
}

export default function ModulesPage() {
  return (
    <Shell title="Modules">
      <ModulesView />
    </Shell>
  );
}
