'use client';
import { type FormEvent, useState } from 'react';
import { ConfirmButton } from '@/components/confirm-button';
import { Modal } from '@/components/modal';
import { Shell } from '@/components/shell';
import { Badge, buttonClass, Empty, ErrorNotice, inputClass, Loading, secondaryButtonClass } from '@/components/states';
import { api } from '@/lib/api';
import { useApi } from '@/lib/use-api';
import { useQueryState } from '@/lib/use-query-state';
import { clientConfigs } from './client-configs';
import { ConnectedApps } from './connected-apps';

interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  created_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className={secondaryButtonClass}
      aria-label={label}
      onClick={async () => {
        await navigator.clipboard?.writeText(text).catch(() => {});
        setCopied(true);
      }}
    >
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}

/** The new token, shown this once (it lives only in this component's memory), with client configurations. */
function Created({ token, onClose }: { token: string; onClose: () => void }) {
  return (
    <Modal title="Your new API token" onClose={onClose}>
      <p className="mb-2 text-sm">Copy it now: MCPist keeps only its hash and cannot show it again.</p>
      <div className="mb-3 flex items-center gap-2">
        <code data-testid="new-token" className="min-w-0 flex-1 break-all rounded bg-slate-100 p-2 text-sm">
          {token}
        </code>
        <CopyButton text={token} label="Copy the token" />
      </div>
      {clientConfigs(window.location.origin, token).map((config) => (
        <details key={config.client} className="mb-2">
          <summary className="cursor-pointer text-sm font-medium">{config.client}</summary>
          <pre className="mt-1 overflow-x-auto rounded bg-slate-100 p-2 text-xs">{config.text}</pre>
          <CopyButton text={config.text} label={`Copy the ${config.client} configuration`} />
        </details>
      ))}
    </Modal>
  );
}

function NewToken({ onClose, onCreated }: { onClose: () => void; onCreated: (token: string) => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<Error>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const created = await api<{ token: string }>('POST', '/tokens', { name });
      onCreated(created.token);
    } catch (problem) {
      setError(problem as Error);
    }
  };
  return (
    <Modal title="New API token" onClose={onClose}>
      <form onSubmit={submit} className="space-y-3">
        <label className="block">
          <span className="mb-1 block text-sm font-medium">Name (which client uses it)</span>
          <input
            className={inputClass}
            required
            maxLength={64}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <ErrorNotice error={error} />
        <button type="submit" className={buttonClass}>
          Create token
        </button>
      </form>
    </Modal>
  );
}

function TokensView() {
  const [query, setQuery] = useQueryState();
  const tokens = useApi<{ tokens: TokenRow[] }>('/tokens');
  const [created, setCreated] = useState<string>();
  const [error, setError] = useState<Error>();
  if (tokens.loading && !tokens.data) return <Loading what="tokens" />;
  if (tokens.error) return <ErrorNotice error={tokens.error} />;
  return (
    <>
      <p className="mb-3 text-sm text-slate-700">An API token lets an MCP client call your tools as you.</p>
      <button type="button" className={buttonClass} onClick={() => setQuery({ new: '1' })}>
        New token
      </button>
      <ErrorNotice error={error} />
      {tokens.data?.tokens.length === 0 ? (
        <div className="mt-3">
          <Empty>No tokens yet. Create one, then paste the configuration for your MCP client.</Empty>
        </div>
      ) : (
        <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-300 bg-white">
          {tokens.data?.tokens.map((token) => (
            <li key={token.id} className="flex flex-wrap items-center gap-2 p-3">
              <span className="font-semibold">{token.name}</span>
              <code className="text-sm">{token.prefix}…</code>
              <span className="text-sm text-slate-700">
                {token.last_used_at ? `last used ${new Date(token.last_used_at).toLocaleString()}` : 'never used'}
              </span>
              {token.revoked_at ? (
                <Badge tone="grey">revoked</Badge>
              ) : (
                <span className="ml-auto">
                  <ConfirmButton
                    label="Revoke"
                    question={`Revoke ${token.name}? Clients using it stop working.`}
                    onConfirm={async () => {
                      try {
                        await api('DELETE', `/tokens/${token.id}`);
                        tokens.reload();
                      } catch (problem) {
                        setError(problem as Error);
                      }
                    }}
                  />
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {query.get('new') && !created && (
        <NewToken
          onClose={() => setQuery({ new: null })}
          onCreated={(token) => {
            setCreated(token);
            tokens.reload();
          }}
        />
      )}
      {created && (
        <Created
          token={created}
          onClose={() => {
            setCreated(undefined);
            setQuery({ new: null });
          }}
        />
      )}
    </>
  );
}

export default function TokensPage() {
  return (
    <Shell title="API tokens">
      <TokensView />
      <ConnectedApps />
    </Shell>
  );
}
