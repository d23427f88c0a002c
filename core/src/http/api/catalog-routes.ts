import { z } from 'zod';
import { Tokens } from '../../container/tokens.js';
import { defineRoute, defineRouteModule } from './define-route.js';

const catalogToolSchema = z.object({
  name: z.string(),
  description: z.string(),
  dangerous: z.boolean(),
  read_only: z.boolean(),
});

const catalogModuleSchema = z.object({
  name: z.string(),
  display_name: z.string(),
  description: z.string(),
  service: z.string().nullable(),
  tools: z.array(catalogToolSchema),
});

/** `GET /api/catalog`: every loaded module and its tools, for administrators composing roles (tool masks). */
export const catalogRoutes = defineRouteModule({
  deps: { catalog: Tokens.ModuleCatalog },
  routes(deps) {
    return [
      defineRoute({
        method: 'get',
        path: '/catalog',
        operationId: 'getCatalog',
        summary: 'Every loaded module with its tools (dangerous ones marked), for composing roles',
        tag: 'modules',
        admin: true,
        response: z.object({ modules: z.array(catalogModuleSchema) }),
        async handle() {
          const modules = [...deps.catalog.modules.values()].map((module) => ({
            name: module.name,
            display_name: module.displayName,
            description: module.description,
            service: module.service ?? null,
            tools: [...module.tools.values()].map((tool) => ({
              name: tool.definition.name,
              description: tool.definition.description,
              dangerous: tool.definition.dangerous === true,
              read_only: tool.definition.readOnly === true,
            })),
          }));
          return { modules };
        },
      }),
    ];
  },
});
