'use client';
import { ConnectionBadge } from '@/components/connection-badge';
import { Shell } from '@/components/shell';
import { Badge, Empty, ErrorNotice, Loading, secondaryButtonClass } from '@/components/states';
import type { ProfileService, ProfileTool, RegistryModule } from '@/lib/types';
import { useApi } from '@/lib/use-api';
import { useQueryState } from '@/lib/use-query-state';
import { ConnectModal } from './connect-modal';
import { LackingModules } from './lacking-modules';

function ToolsView() {
  const [query, setQuery] = useQueryState();
  const tools = useApi<{ tools: ProfileTool[] }>('/profile/tools');
  const services = useApi<{ services: ProfileService[] }>('/profile/services');
  const registry = useApi<{ modules: RegistryModule[] }>('/modules');
  if (tools.loading && !tools.data) return <Loading what="your tools" />;
  if (tools.error) return <ErrorNotice error={tools.error} />;
  const byModule = new Map<string, ProfileTool[]>();
  for (const tool of tools.data?.tools ?? []) byModule.set(tool.module, [...(byModule.get(tool.module) ?? []), tool]);
  const serviceOf = (module: string) => services.data?.services.find((s) => s.module === module);
  const lacking = (registry.data?.modules ?? []).filter((m) => !byModule.has(m.name) && m.status !== 'broken');
  const connecting = query.get('connect');
  const connectService = connecting
    ? services.data?.services.find((s) => (s.service ?? s.module) === connecting)
    : undefined;
  const close = () => setQuery({ connect: null });
  return (
    <>
      <ErrorNotice error={services.error} />
      {byModule.size === 0 && (
        <Empty>
          None of your roles gives you tools yet. Ask an administrator to assign you a role; modules you lack are listed
          below.
        </Empty>
      )}
      <div className="space-y-4">
        {[...byModule].map(([module, list]) => {
          const service = serviceOf(module);
          return (
            <section
              key={module}
              aria-labelledby={`m-${module}`}
              className="rounded-lg border border-slate-300 bg-white p-4"
            >
              <div className="flex flex-wrap items-center gap-2">
                <h2 id={`m-${module}`} className="text-lg font-semibold">
                  {service?.display_name ?? module}
                </h2>
                {service && <ConnectionBadge connection={service.connection} needsReauth={service.needs_reauth} />}
                {list[0]?.deprecated && <Badge tone="amber">deprecated</Badge>}
                {service && service.connection !== 'not_required' && (
                  <button
                    type="button"
                    className={`${secondaryButtonClass} ml-auto`}
                    onClick={() => setQuery({ connect: service.service ?? service.module })}
                  >
                    {service.connection === 'not_connected' ? 'Connect' : 'Reconnect'}
                  </button>
                )}
              </div>
              <ul className="mt-2 divide-y divide-slate-200" data-module={module}>
                {list.map((tool) => (
                  <li key={tool.tool} className="py-1.5" data-tool={`${module}.${tool.tool}`}>
                    <code className="break-all font-semibold">{tool.tool}</code>{' '}
                    {tool.dangerous && <Badge tone="red">dangerous</Badge>}{' '}
                    <span className="text-sm text-slate-700">{tool.description}</span>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
      <LackingModules modules={lacking} />
      {connecting && services.data && !connectService && (
        <ErrorNotice error={new Error(`no service "${connecting}" is installed`)} />
      )}
      {connectService && (
        <ConnectModal
          service={connectService}
          onClose={close}
          onSaved={() => {
            close();
            services.reload();
            tools.reload();
          }}
        />
      )}
    </>
  );
}

export default function ToolsPage() {
  return (
    <Shell title="Tools">
      <ToolsView />
    </Shell>
  );
}
