'use client';
import { type FormEvent, useState } from 'react';
import { CredentialFields } from '@/components/credential-fields';
import { Modal } from '@/components/modal';
import { buttonClass, ErrorNotice, secondaryButtonClass } from '@/components/states';
import { api } from '@/lib/api';
import type { ProfileService } from '@/lib/types';

/**
 * `/tools?connect=<service>`: paste a token with the fields the plugin
 * declares (type A), or start OAuth through MCPist's connect page (type B).
 * The token goes to the API once; nothing here keeps it.
 */
export function ConnectModal({
  service,
  onClose,
  onSaved,
}: {
  service: ProfileService;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const name = service.service ?? service.module;
  const saveToken = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const { token = '', ...fields } = values;
      await api('PUT', `/profile/services/${encodeURIComponent(name)}/token`, { token, fields });
      onSaved();
    } catch (problem) {
      setError(problem as Error);
      setBusy(false);
    }
  };
  const startOAuth = async () => {
    setBusy(true);
    try {
      const started = await api<{ connect_url: string }>(
        'POST',
        `/profile/services/${encodeURIComponent(name)}/oauth/start`,
      );
      window.location.assign(started.connect_url);
    } catch (problem) {
      setError(problem as Error);
      setBusy(false);
    }
  };
  const fields = [
    { name: 'token', label: 'Token', secret: true },
    ...service.token_fields.filter((field) => field.name !== 'token'),
  ];
  return (
    <Modal title={`Connect ${service.display_name}`} onClose={onClose}>
      {service.auth_types.includes('oauth2') && (
        <div className="mb-4">
          <p className="mb-2 text-sm">Sign in at {service.display_name} and allow MCPist to act as you.</p>
          <button type="button" className={buttonClass} onClick={startOAuth} disabled={busy}>
            Connect with OAuth
          </button>
        </div>
      )}
      {service.auth_types.includes('token') && (
        <form onSubmit={saveToken} className="space-y-3">
          <p className="text-sm">
            Paste a token; it is stored encrypted and never shown again.
            {service.token_help_url && (
              <>
                {' '}
                <a className="text-indigo-800 underline" href={service.token_help_url} target="_blank" rel="noreferrer">
                  Where to create one
                </a>
              </>
            )}
          </p>
          <CredentialFields fields={fields} values={values} onChange={setValues} />
          <ErrorNotice error={error} />
          <div className="flex gap-2">
            <button type="submit" className={buttonClass} disabled={busy}>
              Save token
            </button>
            <button type="button" className={secondaryButtonClass} onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {!service.auth_types.includes('token') && <ErrorNotice error={error} />}
    </Modal>
  );
}
