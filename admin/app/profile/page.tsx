'use client';
import { type FormEvent, useEffect, useState } from 'react';
import { Shell, useMe } from '@/components/shell';
import { buttonClass, ErrorNotice, inputClass, Loading } from '@/components/states';
import { api } from '@/lib/api';
import type { User } from '@/lib/types';
import { useApi } from '@/lib/use-api';

function ProfileView() {
  const me = useMe();
  const profile = useApi<User>('/profile');
  const [name, setName] = useState('');
  const [error, setError] = useState<Error>();
  const [saved, setSaved] = useState(false);
  useEffect(() => setName(profile.data?.display_name ?? ''), [profile.data]);
  if (!profile.data) return profile.error ? <ErrorNotice error={profile.error} /> : <Loading what="your profile" />;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    try {
      await api('PUT', '/profile', { display_name: name.trim() || null });
      setSaved(true);
    } catch (problem) {
      setError(problem as Error);
    }
  };
  return (
    <form onSubmit={submit} className="max-w-md space-y-3 rounded-lg border border-slate-300 bg-white p-4">
      <p>
        <span className="font-medium">Email:</span> <span className="break-all">{me.email}</span>
      </p>
      <p>
        <span className="font-medium">System role:</span> {me.system_role}
      </p>
      <label className="block">
        <span className="mb-1 block text-sm font-medium">Display name</span>
        <input className={inputClass} maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <ErrorNotice error={error} />
      {saved && <p role="status">Saved.</p>}
      <button type="submit" className={buttonClass}>
        Save
      </button>
    </form>
  );
}

export default function ProfilePage() {
  return (
    <Shell title="Profile">
      <ProfileView />
    </Shell>
  );
}
