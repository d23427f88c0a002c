import { z } from 'zod';
import { Tokens } from '../../container/tokens.js';
import type { ModuleRegistryRow } from '../../store/repositories/module-registry-repository.js';
import { ApiError } from './api-error.js';
import { defineRoute, defineRouteModule } from './define-route.js';
import { iso, recordAdminAction } from './route-helpers.js';

const status = z.enum(['stable', 'deprecated', 'broken']);

const moduleSchema = z.object({
  name: z.string(),
  display_name: z.string(),
  description: z.string(),
  api_version: z.string(),
  package_name: z.string().nullable(),
  package_version: z.string().nullable(),
  status,
  load_error: z.string().nullable(),
  last_verified_at: z.string().nullable(),
  notes: z.string().nullable(),
});

const moduleJson = (row: ModuleRegistryRow) => ({
  name: row.module_name,
  display_name: row.display_name,
  description: row.description,
  api_version: row.api_version,
  package_name: row.package_name,
  package_version: row.package_version,
  status: row.status,
  load_error: row.load_error,
  last_verified_at: iso(row.last_verified_at),
  notes: row.notes,
});

/** `/api/modules`: the module registry; everyone reads it, administrators set status and notes. */
export const modulesRoutes = defineRouteModule({
  deps: { registry: Tokens.ModuleRegistryRepository, audit: Tokens.AuditLogsRepository },
  routes(deps) {
    return [
      defineRoute({
        method: 'get',
        path: '/modules',
        operationId: 'listModules',
        summary: 'The module registry',
        tag: 'modules',
        response: z.object({ modules: z.array(moduleSchema) }),
        async handle() {
          return { modules: (await deps.registry.list()).map(moduleJson) };
        },
      }),
      defineRoute({
        method: 'patch',
        path: '/modules/{name}',
        operationId: 'updateModule',
        summary: 'Sets a module’s status (broken modules leave every view) and notes',
        tag: 'modules',
        admin: true,
        errors: [404],
        body: z.strictObject({ status: status.optional(), notes: z.string().max(2000).nullable().optional() }),
        response: moduleSchema,
        async handle(context) {
          const name = context.params.name ?? '';
          const row = await deps.registry.update(name, context.body);
          if (!row) throw ApiError.notFound(`module "${name}"`);
          await recordAdminAction(deps, context, 'module_updated', { module: name, changes: context.body });
          return moduleJson(row);
        },
      }),
    ];
  },
});
