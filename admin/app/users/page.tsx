'use client';
import { type FormEvent, useEffect, useState } from 'react';
import { ConfirmButton } from '@/components/confirm-button';
import { Modal, Panel, Tabs } from '@/components/modal';
import { Shell } from '@/components/shell';
import { Badge, buttonClass, Empty, ErrorNotice, inputClass, Loading } from '@/components/states';
import { api } from '@/lib/api';
import type { Role, User } from '@/lib/types';
import { useApi } from '@/lib/use-api';
import { useQueryState } from '@/lib/use-query-state';

function AddUser({ onClose, onCreated }: { onClose: () => void; onCreated: (user: User) => void }) {
  const [email, setEmail] = useState('');
  const [admin, setAdmin] = useState(false);
  const [error, setError] = useState<Error>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      onCreated(await api<User>('POST', '/users', { email, system_role: admin ? 'admin' : 'user' }));
    } catch (problem) {
      setError(problem as Error);
    }
  };
  return (
    <Modal title="Add user" onClose={onClose}>
      <form onSubmit={submit} className="space-y-3">
        <label className="block">
          <span className="mb-1 block text-sm font-medium">Email</span>
          <input
            className={inputClass}
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={admin} onChange={(e) => setAdmin(e.target.checked)} /> Administrator
        </label>
        <p className="text-sm text-slate-700">
          They sign in with a link from <code>npx mcpist login-link --user EMAIL</code>.
        </p>
        <ErrorNotice error={error} />
        <button type="submit" className={buttonClass}>
          Add user
        </button>
      </form>
    </Modal>
  );
}

/** Which roles a user holds; saved as a whole (PUT /users/{id}/roles). */
function RolesTab({ user }: { user: User }) {
  const all = useApi<{ roles: Role[] }>('/roles');
  const held = useApi<{ roles: Role[] }>(`/users/${user.id}/roles`);
  const [chosen, setChosen] = useState<Set<string>>();
  const [error, setError] = useState<Error>();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (held.data) setChosen(new Set(held.data.roles.map((role) => role.id)));
  }, [held.data]);
  if (!all.data || !chosen) return <Loading what="roles" />;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    try {
      const answer = await api<{ roles: Role[] }>('PUT', `/users/${user.id}/roles`, { role_ids: [...chosen] });
      setChosen(new Set(answer.roles.map((role) => role.id)));
      setSaved(true);
    } catch (problem) {
      setError(problem as Error);
    }
  };
  if (all.data.roles.length === 0) return <Empty>No roles yet: create one on the Roles page.</Empty>;
  return (
    <form onSubmit={submit} className="space-y-2">
      <fieldset>
        <legend className="mb-1 text-sm font-medium">Roles</legend>
        {all.data.roles.map((role) => (
          <label key={role.id} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={chosen.has(role.id)}
              onChange={(event) => {
                const next = new Set(chosen);
                if (event.target.checked) next.add(role.id);
                else next.delete(role.id);
                setChosen(next);
                setSaved(false);
              }}
            />
            {role.name}
          </label>
        ))}
      </fieldset>
      <ErrorNotice error={error} />
      {saved && <p role="status">Roles saved.</p>}
      <button type="submit" className={buttonClass}>
        Save roles
      </button>
    </form>
  );
}

function UsersView() {
  const [query, setQuery] = useQueryState();
  const users = useApi<{ users: User[] }>('/users');
  const [error, setError] = useState<Error>();
  if (users.loading && !users.data) return <Loading what="users" />;
  if (users.error) return <ErrorNotice error={users.error} />;
  const selected = users.data?.users.find((user) => user.id === query.get('id'));
  return (
    <>
      <button type="button" className={buttonClass} onClick={() => setQuery({ add: '1' })}>
        Add user
      </button>
      <ErrorNotice error={error} />
      <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-300 bg-white">
        {users.data?.users.map((user) => (
          <li key={user.id} className="flex flex-wrap items-center gap-2 p-3">
            <button
              type="button"
              className="break-all font-semibold text-indigo-800 underline"
              onClick={() => setQuery({ id: user.id, tab: 'roles' })}
            >
              {user.email}
            </button>
            <Badge tone={user.system_role === 'admin' ? 'amber' : 'grey'}>{user.system_role}</Badge>
          </li>
        ))}
      </ul>
      {selected && (
        <Panel title={selected.email} onClose={() => setQuery({ id: null, tab: null })}>
          <Tabs tabs={[{ id: 'roles', label: 'Roles' }]} current="roles" onChange={(id) => setQuery({ tab: id })} />
          <RolesTab key={selected.id} user={selected} />
          <div className="mt-4 border-t border-slate-200 pt-3">
            <ConfirmButton
              label="Delete user"
              question={`Delete ${selected.email}, their tokens and connections?`}
              onConfirm={async () => {
                try {
                  await api('DELETE', `/users/${selected.id}`);
                  setQuery({ id: null, tab: null });
                  users.reload();
                } catch (problem) {
                  setError(problem as Error);
                }
              }}
            />
          </div>
        </Panel>
      )}
      {query.get('add') && (
        <AddUser
          onClose={() => setQuery({ add: null })}
          onCreated={(user) => {
            users.reload();
            setQuery({ add: null, id: user.id, tab: 'roles' });
          }}
        />
      )}
    </>
  );
}

export default function UsersPage() {
  return (
    <Shell title="Users">
      <UsersView />
    </Shell>
  );
}
