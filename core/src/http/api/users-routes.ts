import { z } from 'zod';
import { Tokens } from '../../container/tokens.js';
import type { AdminsUnitOfWork } from '../../store/repositories/admins-unit-of-work.js';
import type { UserListRow, UserRow, UsersRepository } from '../../store/repositories/users-repository.js';
import { ApiError } from './api-error.js';
import { defineRoute, defineRouteModule } from './define-route.js';
import { roleJson, roleSchema } from './roles-routes.js';
import { iso, recordAdminAction } from './route-helpers.js';

const systemRole = z.enum(['admin', 'user']);
const displayName = z.string().trim().min(1).max(100).nullable();

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  display_name: z.string().nullable(),
  system_role: systemRole,
  created_at: z.string().nullable().optional(),
});

export const userJson = (user: UserRow | UserListRow) => ({
  id: user.id,
  email: user.email,
  display_name: user.display_name,
  system_role: user.system_role,
  ...('created_at' in user ? { created_at: iso(user.created_at) } : {}),
});

/** Runs a demotion or deletion unless it would leave the instance without an administrator (409). */
async function keepAnAdmin<T>(
  admins: AdminsUnitOfWork,
  user: UserRow,
  what: string,
  change: (users: UsersRepository) => Promise<T>,
): Promise<T> {
  const result = await admins.keepingAnAdmin(user.id, change);
  if (result === 'last_admin') throw ApiError.conflict(`cannot ${what} the last administrator`);
  return result;
}

/** `/api/users`: administrators manage users and their roles. */
export const usersRoutes = defineRouteModule({
  deps: {
    users: Tokens.UsersRepository,
    allowedUsers: Tokens.AllowedUsersRepository,
    roles: Tokens.RolesRepository,
    audit: Tokens.AuditLogsRepository,
    admins: Tokens.AdminsUnitOfWork,
  },
  routes(deps) {
    const find = async (id: string | undefined) => {
      const user = await deps.users.findById(id ?? '');
      if (!user) throw ApiError.notFound('user');
      return user;
    };
    const common = { tag: 'users', admin: true } as const;
    return [
      defineRoute({
        ...common,
        method: 'get',
        path: '/users',
        operationId: 'listUsers',
        summary: 'Lists users',
        response: z.object({ users: z.array(userSchema) }),
        async handle() {
          return { users: (await deps.users.list()).map(userJson) };
        },
      }),
      defineRoute({
        ...common,
        method: 'post',
        path: '/users',
        operationId: 'createUser',
        summary: 'Creates a user and allows their email to sign in',
        status: 201,
        errors: [409],
        body: z.strictObject({
          email: z.email().max(254),
          display_name: displayName.optional(),
          system_role: systemRole.optional(),
        }),
        response: userSchema,
        async handle(context) {
          const { body } = context;
          const user = await deps.users.create({
            email: body.email.toLowerCase(),
            displayName: body.display_name ?? undefined,
            systemRole: body.system_role ?? 'user',
          });
          if (!user) throw ApiError.conflict(`a user with email ${body.email} already exists`);
          await deps.allowedUsers.add(user.email, context.principal.userId);
          await recordAdminAction(deps, context, 'user_created', { target_user_id: user.id, email: user.email });
          return userJson(user);
        },
      }),
      defineRoute({
        ...common,
        method: 'get',
        path: '/users/{id}',
        operationId: 'getUser',
        summary: 'One user',
        errors: [404],
        response: userSchema,
        async handle({ params }) {
          return userJson(await find(params.id));
        },
      }),
      defineRoute({
        ...common,
        method: 'patch',
        path: '/users/{id}',
        operationId: 'updateUser',
        summary: 'Changes a user’s display name or system role',
        errors: [404, 409],
        body: z.strictObject({ display_name: displayName.optional(), system_role: systemRole.optional() }),
        response: userSchema,
        async handle(context) {
          const { body } = context;
          const user = await find(context.params.id);
          const change = (users: UsersRepository) =>
            users.update(user.id, { displayName: body.display_name, systemRole: body.system_role });
          const updated =
            body.system_role === 'user'
              ? await keepAnAdmin(deps.admins, user, 'demote', change)
              : await change(deps.users);
          if (!updated) throw ApiError.notFound('user');
          await recordAdminAction(deps, context, 'user_updated', { target_user_id: user.id, changes: body });
          return userJson(updated);
        },
      }),
      defineRoute({
        ...common,
        method: 'delete',
        path: '/users/{id}',
        operationId: 'deleteUser',
        summary: 'Deletes a user, their tokens, credentials and role assignments',
        status: 204,
        errors: [404, 409],
        async handle(context) {
          const user = await find(context.params.id);
          if (!(await keepAnAdmin(deps.admins, user, 'delete', (users) => users.delete(user.id)))) {
            throw ApiError.notFound('user');
          }
          await deps.allowedUsers.remove(user.email);
          await recordAdminAction(deps, context, 'user_deleted', { target_user_id: user.id, email: user.email });
        },
      }),
      defineRoute({
        ...common,
        method: 'get',
        path: '/users/{id}/roles',
        operationId: 'getUserRoles',
        summary: 'A user’s roles',
        errors: [404],
        response: z.object({ roles: z.array(roleSchema) }),
        async handle({ params }) {
          const user = await find(params.id);
          return { roles: (await deps.roles.rolesOfUser(user.id)).map(roleJson) };
        },
      }),
      defineRoute({
        ...common,
        method: 'put',
        path: '/users/{id}/roles',
        operationId: 'setUserRoles',
        summary: 'Replaces a user’s roles',
        errors: [404],
        body: z.strictObject({ role_ids: z.array(z.guid()).max(100) }),
        response: z.object({ roles: z.array(roleSchema) }),
        async handle(context) {
          const user = await find(context.params.id);
          const ids = context.body.role_ids;
          const known = new Set((await deps.roles.list()).map((role) => role.id.toLowerCase()));
          const unknown = ids.flatMap((id, index) =>
            known.has(id.toLowerCase()) ? [] : [{ field: `role_ids[${index}]`, message: `unknown role ${id}` }],
          );
          if (unknown.length > 0) throw ApiError.badRequest(unknown);
          await deps.roles.setUserRoles(user.id, ids);
          const roles = await deps.roles.rolesOfUser(user.id);
          await recordAdminAction(deps, context, 'user_roles_assigned', {
            target_user_id: user.id,
            roles: roles.map((role) => role.name),
          });
          return { roles: roles.map(roleJson) };
        },
      }),
    ];
  },
});
