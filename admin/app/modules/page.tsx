'use client';
import { Shell } from '@/components/shell';
import { Badge, ErrorNotice, Loading } from '@/components/states';
import type { RegistryModule } from '@/lib/types';
import { useApi } from '@/lib/use-api';

const TONE = { stable: 'green', deprecated: 'amber', broken: 'red' } as const;

function ModulesView() {
  const modules = useApi<{ modules: RegistryModule[] }>('/modules');
  if (!modules.data) return modules.error ? <ErrorNotice error={modules.error} /> : <Loading what="modules" />;
  return (
    <ul className="space-y-3">
      {modules.data.modules.map((module) => (
        <li key={module.name} className="rounded-lg border border-slate-300 bg-white p-4">
          <div className="flex flex-wrap items-center gap-2">
            <h2 className="text-lg font-semibold">{module.display_name}</h2>
            <Badge tone={TONE[module.status]}>{module.status}</Badge>
          </div>
          <p className="text-sm text-slate-700">{module.description}</p>
          <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-3 text-sm">
            <dt className="font-medium">API version</dt>
            <dd>{module.api_version}</dd>
            <dt className="font-medium">Package</dt>
            <dd className="break-all">
              {module.package_name ?? '—'} {module.package_version ?? ''}
            </dd>
            <dt className="font-medium">Last verified</dt>
            <dd>{module.last_verified_at ? new Date(module.last_verified_at).toLocaleString() : 'never'}</dd>
            <dt className="font-medium">Notes</dt>
            <dd>{module.notes ?? '—'}</dd>
          </dl>
          {module.load_error && <p className="mt-2 text-sm text-red-800">Load error: {module.load_error}</p>}
        </li>
      ))}
    </ul>
  );
}

export default function ModulesPage() {
  return (
    <Shell title="Modules">
      <ModulesView />
    </Shell>
  );
}
