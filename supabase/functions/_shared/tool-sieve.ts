import { allowedToolsOf, moduleSchemaOf } from '../../../core/src/neutral/allowed-tools.js';
import type { PublishedTool } from '../../../core/src/neutral/published-catalog.js';
import { type FunctionEnv, functionContext } from './context.js';
import { handle, json, jsonBody, subjectUser, uuidField } from './http.js';

/**
 * `tool-sieve` (spec-inf §3.3): a user's allowed tools, as `get_module_schema`
 * describes them — the union of their roles' enabled modules minus masked
 * tools, minus broken modules, computed by the core's rule over the catalog
 * the MCP server published. The server names the user (TOKEN_BROKER_KEY); a
 * user's JWT gets only their own.
 */
export function toolSieve(env: () => FunctionEnv): (request: Request) => Promise<Response> {
  return handle(
    () => functionContext(env),
    async (request, context) => {
      const caller = await context.authenticate(request);
      const body = await jsonBody(request);
      const userId = subjectUser(caller, uuidField(body, 'user_id', true));
      const [{ modules, statuses }, roles] = await Promise.all([
        context.publishedCatalog(),
        context.roles.rolesOfUser(userId),
      ]);
      const byModule = new Map<string, PublishedTool[]>();
      for (const tool of allowedToolsOf({ modules }, roles, statuses)) {
        byModule.set(tool.module, [...(byModule.get(tool.module) ?? []), tool]);
      }
      return json({
        user_id: userId,
        modules: [...byModule].map(([name, tools]) =>
          moduleSchemaOf(
            name,
            modules.get(name) as NonNullable<ReturnType<typeof modules.get>>,
            statuses.get(name) === 'deprecated',
            tools.map((tool) => tool.entry),
          ),
        ),
      });
    },
  );
}
