import { z } from 'zod';
import { Tokens } from '../../container/tokens.js';
import { ApiError } from './api-error.js';
import { connectionOf, connectionSchema } from './connection-status.js';
import { defineRoute, defineRouteModule } from './define-route.js';
import { roleJson, roleSchema } from './roles-routes.js';
import { userJson, userSchema } from './users-routes.js';

const toolSchema = z.object({
  module: z.string(),
  tool: z.string(),
  description: z.string(),
  dangerous: z.boolean(),
  read_only: z.boolean(),
  deprecated: z.boolean(),
  service: z.string().nullable(),
  connection: connectionSchema,
});

const serviceSchema = z.object({
  module: z.string(),
  display_name: z.string(),
  service: z.string().nullable(),
  auth_types: z.array(z.enum(['token', 'oauth2'])),
  /** What the connect form asks for a token (type A): the token itself plus these declared fields. */
  token_fields: z.array(z.object({ name: z.string(), label: z.string(), secret: z.boolean() })),
  /** Where a user creates such a token, when the plugin says. */
  token_help_url: z.string().nullable(),
  connection: connectionSchema,
  kind: z.enum(['token', 'oauth2']).nullable(),
  expires_at: z.string().nullable(),
  needs_reauth: z.boolean(),
});

/** The caller's own profile, roles, tools and service connections. */
export const profileRoutes = defineRouteModule({
  deps: {
    users: Tokens.UsersRepository,
    roles: Tokens.RolesRepository,
    sieve: Tokens.ToolSieve,
    credentials: Tokens.CredentialsRepository,
    catalog: Tokens.ModuleCatalog,
  },
  routes(deps) {
    return [
      defineRoute({
        method: 'get',
        path: '/profile',
        operationId: 'getProfile',
        summary: 'The caller’s profile',
        tag: 'profile',
        response: userSchema,
        async handle({ principal }) {
          const user = await deps.users.findById(principal.userId);
          if (!user) throw ApiError.notFound('user');
          return userJson(user);
        },
      }),
      defineRoute({
        method: 'put',
        path: '/profile',
        operationId: 'updateProfile',
        summary: 'Sets the caller’s display name',
        tag: 'profile',
        body: z.strictObject({ display_name: z.string().trim().min(1).max(100).nullable() }),
        response: userSchema,
        async handle({ principal, body }) {
          const user = await deps.users.update(principal.userId, { displayName: body.display_name });
          if (!user) throw ApiError.notFound('user');
          return userJson(user);
        },
      }),
      defineRoute({
        method: 'get',
        path: '/profile/roles',
        operationId: 'getProfileRoles',
        summary: 'The caller’s roles',
        tag: 'profile',
        response: z.object({ roles: z.array(roleSchema) }),
        async handle({ principal }) {
          return { roles: (await deps.roles.rolesOfUser(principal.userId)).map(roleJson) };
        },
      }),
      defineRoute({
        method: 'get',
        path: '/profile/tools',
        operationId: 'getProfileTools',
        summary: 'The tools the caller may use: exactly what get_module_schema returns to them',
        tag: 'profile',
        response: z.object({ tools: z.array(toolSchema) }),
        async handle({ principal }) {
          const view = await deps.sieve.viewFor(principal);
          const connections = await deps.credentials.connectionsOf(principal.userId);
          const tools = view.schema(view.moduleNames).modules.flatMap((module) => {
            const service = deps.catalog.modules.get(module.module)?.service;
            const { connection } = connectionOf(service, connections);
            return module.tools.map((tool) => ({
              module: module.module,
              tool: tool.name,
              description: tool.description,
              dangerous: tool.dangerous,
              read_only: tool.readOnly,
              deprecated: module.deprecated === true,
              service: service ?? null,
              connection,
            }));
          });
          return { tools };
        },
      }),
      defineRoute({
        method: 'get',
        path: '/profile/services',
        operationId: 'getProfileServices',
        summary: 'Every loaded module with its auth types and the caller’s connection to it',
        tag: 'profile',
        response: z.object({ services: z.array(serviceSchema) }),
        async handle({ principal }) {
          const connections = await deps.credentials.connectionsOf(principal.userId);
          const services = [...deps.catalog.modules.values()].map((module) => {
            const auth = module.definition.auth;
            return {
              module: module.name,
              display_name: module.displayName,
              service: module.service ?? null,
              auth_types: [...(auth?.token ? ['token' as const] : []), ...(auth?.oauth2 ? ['oauth2' as const] : [])],
              token_fields: (auth?.token?.fields ?? []).map((field) => ({
                name: field.name,
                label: field.label,
                secret: field.secret === true,
              })),
              token_help_url: auth?.token?.helpUrl ?? null,
              ...connectionOf(module.service, connections),
            };
          });
          return { services };
        },
      }),
    ];
  },
});
