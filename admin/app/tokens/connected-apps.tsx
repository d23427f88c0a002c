'use client';
import { useState } from 'react';
import { ConfirmButton } from '@/components/confirm-button';
import { Badge, Empty, ErrorNotice, Loading } from '@/components/states';
import { api } from '@/lib/api';
import { useApi } from '@/lib/use-api';

interface ConnectedApp {
  grant_id: string;
  client_id: string;
  client_name: string;
  access: 'full' | 'read' | null;
  created_at: string | null;
}

/** MCP clients that signed in through MCPist (OAuth) instead of using a token; revoking one stops it at its next request. */
export function ConnectedApps() {
  const apps = useApi<{ apps: ConnectedApp[] }>('/connected-apps');
  const [error, setError] = useState<Error>();
  return (
    <section aria-labelledby="connected-apps" className="mt-8">
      <h2 id="connected-apps" className="mb-2 text-xl font-semibold">
        Connected apps
      </h2>
      <p className="mb-3 text-sm text-slate-700">
        MCP clients you allowed to sign in with your MCPist account, without a token (Claude Code, claude.ai, ChatGPT…).
      </p>
      <ErrorNotice error={error ?? apps.error} />
      {apps.loading && !apps.data ? (
        <Loading what="connected apps" />
      ) : apps.data?.apps.length === 0 ? (
        <Empty>No app has signed in yet. Give an MCP client this server's /mcp URL and it will ask you here.</Empty>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-300 bg-white">
          {apps.data?.apps.map((app) => (
            <li key={app.grant_id} className="flex flex-wrap items-center gap-2 p-3">
              <span className="font-semibold">{app.client_name}</span>
              <Badge tone={app.access === 'read' ? 'grey' : 'green'}>
                {app.access === 'read' ? 'read-only' : 'all your tools'}
              </Badge>
              <span className="text-sm text-slate-700">
                {app.created_at ? `allowed ${new Date(app.created_at).toLocaleString()}` : ''}
              </span>
              <span className="ml-auto">
                <ConfirmButton
                  label="Revoke"
                  question={`Revoke ${app.client_name}? It stops working at its next request.`}
                  onConfirm={async () => {
                    try {
                      await api('DELETE', `/connected-apps/${encodeURIComponent(app.grant_id)}`);
                      apps.reload();
                    } catch (problem) {
                      setError(problem as Error);
                    }
                  }}
                />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
