import { z } from 'zod';
import { Tokens } from '../../container/tokens.js';
import { ROLE_NAME, type RoleRow } from '../../store/repositories/roles-repository.js';
import { ApiError } from './api-error.js';
import { defineRoute, defineRouteModule } from './define-route.js';
import {
  checkPermissionNames,
  enabledModulesSchema,
  mergePermissions,
  permissionsSchema,
  toolMasksSchema,
} from './permissions-input.js';
import { iso, recordAdminAction } from './route-helpers.js';

export const roleSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  is_default: z.boolean(),
  enabled_modules: z.array(z.string()),
  tool_masks: z.record(z.string(), z.array(z.string())),
  created_at: z.string().nullable(),
  updated_at: z.string().nullable(),
});

export const roleJson = (role: RoleRow) => ({
  id: role.id,
  name: role.name,
  description: role.description,
  is_default: role.isDefault,
  enabled_modules: role.enabledModules,
  tool_masks: role.toolMasks,
  created_at: iso(role.createdAt),
  updated_at: iso(role.updatedAt),
});

const roleName = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(ROLE_NAME, 'letters A-Z, digits, space, dot, dash and underscore, starting with a letter or digit');
const description = z.string().max(500);

/** `/api/roles`: administrators define roles and what each may use. */
export const rolesRoutes = defineRouteModule({
  deps: {
    roles: Tokens.RolesRepository,
    registry: Tokens.ModuleRegistryRepository,
    catalog: Tokens.ModuleCatalog,
    audit: Tokens.AuditLogsRepository,
  },
  routes(deps) {
    const find = async (id: string | undefined) => {
      const role = await deps.roles.findById(id ?? '');
      if (!role) throw ApiError.notFound('role');
      return role;
    };
    const registered = async () => new Set((await deps.registry.list()).map((row) => row.module_name));
    const common = { tag: 'roles', admin: true } as const;
    return [
      defineRoute({
        ...common,
        method: 'get',
        path: '/roles',
        operationId: 'listRoles',
        summary: 'Lists roles with their permissions',
        response: z.object({ roles: z.array(roleSchema) }),
        async handle() {
          return { roles: (await deps.roles.list()).map(roleJson) };
        },
      }),
      defineRoute({
        ...common,
        method: 'post',
        path: '/roles',
        operationId: 'createRole',
        summary: 'Creates a role; dangerous tools of enabled modules are masked unless masks are given',
        status: 201,
        errors: [409],
        body: z.strictObject({
          name: roleName,
          description: description.optional(),
          is_default: z.boolean().optional(),
          enabled_modules: enabledModulesSchema.optional(),
          tool_masks: toolMasksSchema.optional(),
        }),
        response: roleSchema,
        async handle(context) {
          const { body } = context;
          checkPermissionNames(deps.catalog, await registered(), body);
          const permissions = mergePermissions(
            deps.catalog,
            { enabledModules: [], toolMasks: {} },
            { enabled_modules: body.enabled_modules ?? [], tool_masks: body.tool_masks },
          );
          const role = await deps.roles.create({
            name: body.name,
            description: body.description ?? '',
            isDefault: body.is_default ?? false,
            ...permissions,
          });
          if (!role) throw ApiError.conflict(`a role named "${body.name}" already exists`);
          await recordAdminAction(deps, context, 'role_created', {
            role_id: role.id,
            name: role.name,
            enabled_modules: permissions.enabledModules,
            tool_masks: permissions.toolMasks,
          });
          return roleJson(role);
        },
      }),
      defineRoute({
        ...common,
        method: 'get',
        path: '/roles/{id}',
        operationId: 'getRole',
        summary: 'One role',
        errors: [404],
        response: roleSchema,
        async handle({ params }) {
          return roleJson(await find(params.id));
        },
      }),
      defineRoute({
        ...common,
        method: 'patch',
        path: '/roles/{id}',
        operationId: 'updateRole',
        summary: 'Renames or re-describes a role',
        errors: [404, 409],
        body: z.strictObject({
          name: roleName.optional(),
          description: description.optional(),
          is_default: z.boolean().optional(),
        }),
        response: roleSchema,
        async handle(context) {
          const { body } = context;
          const role = await find(context.params.id);
          const result = await deps.roles.update(role.id, {
            ...(body.name !== undefined ? { name: body.name } : {}),
            ...(body.description !== undefined ? { description: body.description } : {}),
            ...(body.is_default !== undefined ? { isDefault: body.is_default } : {}),
          });
          if (result === 'conflict') throw ApiError.conflict(`a role named "${body.name}" already exists`);
          await recordAdminAction(deps, context, 'role_updated', { role_id: role.id, changes: body });
          return roleJson(await find(role.id));
        },
      }),
      defineRoute({
        ...common,
        method: 'delete',
        path: '/roles/{id}',
        operationId: 'deleteRole',
        summary: 'Deletes a role and its assignments',
        status: 204,
        errors: [404],
        async handle(context) {
          const role = await find(context.params.id);
          if (!(await deps.roles.delete(role.id))) throw ApiError.notFound('role');
          await recordAdminAction(deps, context, 'role_deleted', { role_id: role.id, name: role.name });
        },
      }),
      defineRoute({
        ...common,
        method: 'get',
        path: '/roles/{id}/permissions',
        operationId: 'getRolePermissions',
        summary: 'A role’s enabled modules and masked tools',
        errors: [404],
        response: permissionsSchema,
        async handle({ params }) {
          const role = await find(params.id);
          return { enabled_modules: role.enabledModules, tool_masks: role.toolMasks };
        },
      }),
      defineRoute({
        ...common,
        method: 'put',
        path: '/roles/{id}/permissions',
        operationId: 'setRolePermissions',
        summary:
          'Replaces a role’s enabled modules; masks given win, newly enabled modules without masks get dangerous tools masked',
        errors: [404],
        body: z.strictObject({ enabled_modules: enabledModulesSchema, tool_masks: toolMasksSchema.optional() }),
        response: permissionsSchema,
        async handle(context) {
          const { body } = context;
          const role = await find(context.params.id);
          checkPermissionNames(deps.catalog, await registered(), body);
          const permissions = mergePermissions(deps.catalog, role, body);
          if (!(await deps.roles.setPermissions(role.id, permissions))) throw ApiError.notFound('role');
          await recordAdminAction(deps, context, 'role_permissions_changed', {
            role_id: role.id,
            enabled_modules: permissions.enabledModules,
            tool_masks: permissions.toolMasks,
          });
          return { enabled_modules: permissions.enabledModules, tool_masks: permissions.toolMasks };
        },
      }),
    ];
  },
});
