'use client';
import Link from 'next/link';
import { ConnectionBadge } from '@/components/connection-badge';
import { Shell, useMe } from '@/components/shell';
import { Empty, ErrorNotice, Loading } from '@/components/states';
import type { ProfileService, Role } from '@/lib/types';
import { useApi } from '@/lib/use-api';
import { AdminStats } from './admin-stats';
import { RecentCalls } from './recent-calls';

function DashboardView() {
  const me = useMe();
  const roles = useApi<{ roles: Role[] }>('/profile/roles');
  const services = useApi<{ services: ProfileService[] }>('/profile/services');
  const reauth = (services.data?.services ?? []).filter((s) => s.needs_reauth);
  return (
    <>
      {me.system_role === 'admin' && <AdminStats />}
      <div className="grid gap-4 md:grid-cols-2">
        <section aria-labelledby="roles" className="rounded-lg border border-slate-300 bg-white p-4">
          <h2 id="roles" className="mb-2 text-lg font-semibold">
            Your roles
          </h2>
          <ErrorNotice error={roles.error} />
          {!roles.data && !roles.error && <Loading what="roles" />}
          {roles.data?.roles.length === 0 && (
            <Empty>No role yet: an administrator assigns roles on the Users page.</Empty>
          )}
          <ul className="list-inside list-disc">
            {roles.data?.roles.map((role) => (
              <li key={role.id}>
                {role.name}: {role.enabled_modules.join(', ') || 'no modules'}
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="services" className="rounded-lg border border-slate-300 bg-white p-4">
          <h2 id="services" className="mb-2 text-lg font-semibold">
            Connected services
          </h2>
          <ErrorNotice error={services.error} />
          {!services.data && !services.error && <Loading what="services" />}
          {reauth.length > 0 && (
            <p role="alert" className="mb-2 rounded bg-amber-100 p-2 text-amber-900">
              {reauth.map((s) => s.display_name).join(', ')} need re-authorization:{' '}
              <Link className="underline" href="/tools">
                reconnect on Tools
              </Link>
              .
            </p>
          )}
          <ul className="space-y-1">
            {services.data?.services
              .filter((s) => s.connection !== 'not_required')
              .map((s) => (
                <li key={s.module} className="flex flex-wrap items-center gap-2">
                  {s.display_name} <ConnectionBadge connection={s.connection} needsReauth={s.needs_reauth} />
                </li>
              ))}
          </ul>
        </section>
      </div>
      <RecentCalls />
    </>
  );
}

export default function DashboardPage() {
  return (
    <Shell title="Dashboard">
      <DashboardView />
    </Shell>
  );
}
