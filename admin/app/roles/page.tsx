'use client';
import { type FormEvent, useState } from 'react';
import { ConfirmButton } from '@/components/confirm-button';
import { Modal, Panel, Tabs } from '@/components/modal';
import { Shell } from '@/components/shell';
import { buttonClass, Empty, ErrorNotice, inputClass, Loading } from '@/components/states';
import { api } from '@/lib/api';
import type { Role } from '@/lib/types';
import { useApi } from '@/lib/use-api';
import { useQueryState } from '@/lib/use-query-state';
import { PermissionsTab } from './permissions-tab';
import { ServicesTab } from './services-tab';

function NewRole({ onClose, onCreated }: { onClose: () => void; onCreated: (role: Role) => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<Error>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      onCreated(await api<Role>('POST', '/roles', { name, description }));
    } catch (problem) {
      setError(problem as Error);
    }
  };
  return (
    <Modal title="New role" onClose={onClose}>
      <form onSubmit={submit} className="space-y-3">
        <label className="block">
          <span className="mb-1 block text-sm font-medium">Name</span>
          <input className={inputClass} required value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="block">
          <span className="mb-1 block text-sm font-medium">Description</span>
          <input className={inputClass} value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
        <ErrorNotice error={error} />
        <button type="submit" className={buttonClass}>
          Create role
        </button>
      </form>
    </Modal>
  );
}

const TABS = [
  { id: 'permissions', label: 'Permissions' },
  { id: 'services', label: 'Shared credentials' },
] as const;

function RolesView() {
  const [query, setQuery] = useQueryState();
  const roles = useApi<{ roles: Role[] }>('/roles');
  const [error, setError] = useState<Error>();
  if (roles.loading && !roles.data) return <Loading what="roles" />;
  if (roles.error) return <ErrorNotice error={roles.error} />;
  const selected = roles.data?.roles.find((role) => role.id === query.get('id'));
  const tab = query.get('tab') === 'services' ? 'services' : 'permissions';
  return (
    <>
      <button type="button" className={buttonClass} onClick={() => setQuery({ new: '1' })}>
        New role
      </button>
      <ErrorNotice error={error} />
      {roles.data?.roles.length === 0 ? (
        <Empty>No roles yet. Create one, switch on its modules, then assign it to users on the Users page.</Empty>
      ) : (
        <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-300 bg-white">
          {roles.data?.roles.map((role) => (
            <li key={role.id} className="flex flex-wrap items-center gap-2 p-3">
              <button
                type="button"
                className="font-semibold text-indigo-800 underline"
                onClick={() => setQuery({ id: role.id, tab: 'permissions' })}
              >
                {role.name}
              </button>
              <span className="text-sm text-slate-700">{role.enabled_modules.join(', ') || 'no modules'}</span>
            </li>
          ))}
        </ul>
      )}
      {selected && (
        <Panel title={`Role ${selected.name}`} onClose={() => setQuery({ id: null, tab: null })}>
          <Tabs tabs={TABS} current={tab} onChange={(id) => setQuery({ tab: id })} />
          {tab === 'permissions' ? (
            <PermissionsTab key={selected.id} role={selected} onSaved={roles.reload} />
          ) : (
            <ServicesTab key={selected.id} role={selected} />
          )}
          <div className="mt-4 border-t border-slate-200 pt-3">
            <ConfirmButton
              label="Delete role"
              question={`Delete ${selected.name} and its assignments?`}
              onConfirm={async () => {
                try {
                  await api('DELETE', `/roles/${selected.id}`);
                  setQuery({ id: null, tab: null });
                  roles.reload();
                } catch (problem) {
                  setError(problem as Error);
                }
              }}
            />
          </div>
        </Panel>
      )}
      {query.get('new') && (
        <NewRole
          onClose={() => setQuery({ new: null })}
          onCreated={(role) => {
            roles.reload();
            setQuery({ new: null, id: role.id, tab: 'permissions' });
          }}
        />
      )}
    </>
  );
}

export default function RolesPage() {
  return (
    <Shell title="Roles">
      <RolesView />
    </Shell>
  );
}
