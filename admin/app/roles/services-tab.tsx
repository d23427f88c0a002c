'use client';
import { type FormEvent, useState } from 'react';
import { CredentialFields } from '@/components/credential-fields';
import { buttonClass, ErrorNotice, inputClass, Loading } from '@/components/states';
import { api } from '@/lib/api';
import type { ProfileService, Role } from '@/lib/types';
import { useApi } from '@/lib/use-api';

/** Shared credentials of a role: one token per service that its members use unless they connect their own. */
export function ServicesTab({ role }: { role: Role }) {
  const services = useApi<{ services: ProfileService[] }>('/profile/services');
  const [service, setService] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<Error>();
  const [saved, setSaved] = useState<string>();
  if (services.loading && !services.data) return <Loading what="services" />;
  const tokenServices = (services.data?.services ?? []).filter(
    (s) => s.service && s.auth_types.includes('token') && role.enabled_modules.includes(s.module),
  );
  const chosen = tokenServices.find((s) => s.service === service);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      const { token = '', ...fields } = values;
      await api('PUT', `/roles/${role.id}/services/${encodeURIComponent(service)}`, { token, fields });
      setSaved(service);
      setValues({});
    } catch (problem) {
      setError(problem as Error);
    }
  };
  if (tokenServices.length === 0) {
    return (
      <p className="text-sm">Switch on a module that connects with a token to share a credential with this role.</p>
    );
  }
  return (
    <form onSubmit={submit} className="space-y-3">
      <label className="block">
        <span className="mb-1 block text-sm font-medium">Service</span>
        <select className={inputClass} value={service} onChange={(event) => setService(event.target.value)} required>
          <option value="">Choose…</option>
          {tokenServices.map((s) => (
            <option key={s.module} value={s.service ?? ''}>
              {s.display_name}
            </option>
          ))}
        </select>
      </label>
      {chosen && (
        <CredentialFields
          fields={[{ name: 'token', label: 'Shared token', secret: true }, ...chosen.token_fields]}
          values={values}
          onChange={setValues}
        />
      )}
      <ErrorNotice error={error} />
      {saved && <p role="status">Shared credential for {saved} saved.</p>}
      <button type="submit" className={buttonClass} disabled={!chosen}>
        Save shared credential
      </button>
    </form>
  );
}
