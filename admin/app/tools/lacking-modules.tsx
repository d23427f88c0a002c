'use client';
import { useState } from 'react';
import { Badge, ErrorNotice, secondaryButtonClass } from '@/components/states';
import { api } from '@/lib/api';
import type { AccessRequest, RegistryModule } from '@/lib/types';
import { useApi } from '@/lib/use-api';

/** Installed modules the person's roles lack, greyed, with "Request access" and the latest outcome. */
export function LackingModules({ modules }: { modules: RegistryModule[] }) {
  const requests = useApi<{ requests: AccessRequest[] }>('/profile/access-requests');
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState<string>();
  if (modules.length === 0) return null;
  const latest = (module: string) => requests.data?.requests.find((request) => request.module === module);
  const ask = async (module: string) => {
    setBusy(module);
    setError(undefined);
    try {
      await api('POST', '/profile/access-requests', { module });
      requests.reload();
    } catch (problem) {
      setError(problem as Error);
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <section aria-labelledby="lacking" className="mt-6">
      <h2 id="lacking" className="mb-2 text-lg font-semibold">
        Installed, not in your roles
      </h2>
      <ErrorNotice error={error} />
      <ul className="space-y-2">
        {modules.map((module) => {
          const request = latest(module.name);
          return (
            <li
              key={module.name}
              data-lacking={module.name}
              className="flex flex-wrap items-center gap-2 rounded border border-slate-300 bg-slate-100 p-3 text-slate-700"
            >
              <span className="font-semibold">{module.display_name}</span>
              <span className="min-w-0 flex-1 text-sm">{module.description}</span>
              {request?.status === 'pending' && <Badge tone="grey">access requested</Badge>}
              {request?.status === 'declined' && <Badge tone="red">declined: {request.reason}</Badge>}
              {request?.status !== 'pending' && (
                <button
                  type="button"
                  className={secondaryButtonClass}
                  disabled={busy === module.name}
                  onClick={() => ask(module.name)}
                >
                  Request access
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
