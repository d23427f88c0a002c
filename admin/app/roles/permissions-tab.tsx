'use client';
import { useState } from 'react';
import { Badge, ErrorNotice, Loading } from '@/components/states';
import { api } from '@/lib/api';
import type { CatalogModule, Role } from '@/lib/types';
import { useApi } from '@/lib/use-api';

interface Permissions {
  enabled_modules: string[];
  tool_masks: Record<string, string[]>;
}

/**
 * Module switches and per-tool masks of one role. Each change is saved at
 * once and the page shows what the API answered (no optimistic update):
 * the next MCP call of a member sees it.
 */
export function PermissionsTab({ role, onSaved }: { role: Role; onSaved: () => void }) {
  const catalog = useApi<{ modules: CatalogModule[] }>('/catalog');
  const [permissions, setPermissions] = useState<Permissions>({
    enabled_modules: role.enabled_modules,
    tool_masks: role.tool_masks,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  if (catalog.loading && !catalog.data) return <Loading what="modules" />;
  if (catalog.error) return <ErrorNotice error={catalog.error} />;
  const save = async (next: Permissions) => {
    setBusy(true);
    setError(undefined);
    try {
      const saved = await api<Permissions>('PUT', `/roles/${role.id}/permissions`, next);
      setPermissions(saved);
      onSaved();
    } catch (problem) {
      setError(problem as Error);
    } finally {
      setBusy(false);
    }
  };
  const toggleModule = (module: CatalogModule, on: boolean) => {
    const enabled = on
      ? [...permissions.enabled_modules, module.name]
      : permissions.enabled_modules.filter((name) => name !== module.name);
    const masks = { ...permissions.tool_masks };
    if (on) masks[module.name] = module.tools.filter((tool) => tool.dangerous).map((tool) => tool.name);
    else delete masks[module.name];
    return save({ enabled_modules: enabled, tool_masks: masks });
  };
  const toggleTool = (module: string, tool: string, allowed: boolean) => {
    const current = permissions.tool_masks[module] ?? [];
    const masked = allowed ? current.filter((name) => name !== tool) : [...current, tool];
    return save({ ...permissions, tool_masks: { ...permissions.tool_masks, [module]: masked } });
  };
  return (
    <div>
      <ErrorNotice error={error} />
      <p className="mb-3 text-sm text-slate-700">
        Dangerous tools (they delete or finalize data) start masked when a module is switched on.
      </p>
      <ul className="space-y-3">
        {(catalog.data?.modules ?? []).map((module) => {
          const enabled = permissions.enabled_modules.includes(module.name);
          const masked = new Set(permissions.tool_masks[module.name] ?? []);
          return (
            <li key={module.name} className="rounded border border-slate-300 p-3">
              <label className="flex items-center gap-2 font-semibold">
                <input
                  type="checkbox"
                  role="switch"
                  aria-checked={enabled}
                  checked={enabled}
                  disabled={busy}
                  onChange={(event) => toggleModule(module, event.target.checked)}
                />
                {module.display_name}
              </label>
              {enabled && (
                <fieldset className="mt-2">
                  <legend className="sr-only">Tools of {module.display_name}</legend>
                  <ul className="grid gap-1 sm:grid-cols-2">
                    {module.tools.map((tool) => (
                      <li key={tool.name}>
                        <label className="flex items-start gap-2 text-sm">
                          <input
                            type="checkbox"
                            checked={!masked.has(tool.name)}
                            disabled={busy}
                            data-tool={`${module.name}.${tool.name}`}
                            onChange={(event) => toggleTool(module.name, tool.name, event.target.checked)}
                          />
                          <span className="min-w-0 break-all">
                            {tool.name} {tool.dangerous && <Badge tone="red">dangerous</Badge>}
                          </span>
                        </label>
                      </li>
                    ))}
                  </ul>
                </fieldset>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
