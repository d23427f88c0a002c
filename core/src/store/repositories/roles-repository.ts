import type { Database, Queryable } from '../database.js';

/** Masked tools per module: `{ "github": ["delete_repository"] }`. */
export type ToolMasks = Record<string, string[]>;

export interface RolePermissions {
  enabledModules: string[];
  toolMasks: ToolMasks;
}

export interface RoleRow extends RolePermissions {
  id: string;
  name: string;
  description: string;
  /** Given to every new user; gets newly installed modules (dangerous tools masked). */
  isDefault: boolean;
  createdAt: Date;
  updatedAt: Date;
}

interface RoleRecord {
  id: string;
  name: string;
  description: string;
  is_default: boolean;
  enabled_modules: string[] | null;
  tool_masks: ToolMasks | null;
  created_at: Date;
  updated_at: Date;
}

const SELECT_ROLES = `select r.id, r.name, r.description, r.is_default, r.created_at, r.updated_at,
       coalesce(p.enabled_modules, '{}') as enabled_modules, coalesce(p.tool_masks, '{}'::jsonb) as tool_masks
  from public.roles r left join public.role_permissions p on p.role_id = r.id`;

const toRole = (row: RoleRecord): RoleRow => ({
  id: row.id,
  name: row.name,
  description: row.description,
  isDefault: row.is_default,
  enabledModules: row.enabled_modules ?? [],
  toolMasks: row.tool_masks ?? {},
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** The names the roles table accepts (its check constraint). */
export const ROLE_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids come from URLs and CLIs: a malformed one is simply not found, not a database error. */
export const isUuid = (value: string): boolean => UUID.test(value);

/** Roles, their permissions and who holds them. */
export class RolesRepository {
  constructor(private readonly db: Database) {}

  async list(): Promise<RoleRow[]> {
    return (await this.db.query<RoleRecord>(`${SELECT_ROLES} order by lower(r.name)`)).map(toRole);
  }

  async findById(id: string): Promise<RoleRow | undefined> {
    if (!isUuid(id)) return undefined;
    const rows = await this.db.query<RoleRecord>(`${SELECT_ROLES} where r.id = $1`, [id]);
    return rows[0] && toRole(rows[0]);
  }

  async findByName(name: string): Promise<RoleRow | undefined> {
    const rows = await this.db.query<RoleRecord>(`${SELECT_ROLES} where lower(r.name) = lower($1)`, [name]);
    return rows[0] && toRole(rows[0]);
  }

  /** Creates a role with its permissions in one transaction; undefined when the name is taken. */
  async create(
    input: { name: string; description?: string; isDefault?: boolean } & RolePermissions,
  ): Promise<RoleRow | undefined> {
    const id = await this.db.transaction(async (tx) => {
      const rows = await tx.query<{ id: string }>(
        `insert into public.roles (name, description, is_default) values ($1, $2, $3)
         on conflict (tenant_id, lower(name)) do nothing returning id`,
        [input.name, input.description ?? '', input.isDefault ?? false],
      );
      const created = rows[0]?.id;
      if (created) await writePermissions(tx, created, input);
      return created;
    });
    return id ? this.findById(id) : undefined;
  }

  /** Renames or re-describes a role; false when it does not exist, 'conflict' when the name is taken. */
  async update(
    id: string,
    input: { name?: string; description?: string; isDefault?: boolean },
  ): Promise<boolean | 'conflict'> {
    if (!isUuid(id)) return false;
    if (input.name !== undefined) {
      const clash = await this.findByName(input.name);
      if (clash && clash.id !== id) return 'conflict';
    }
    const rows = await this.db.query(
      `update public.roles set name = coalesce($2, name), description = coalesce($3, description),
              is_default = coalesce($4, is_default), updated_at = now()
        where id = $1 returning id`,
      [id, input.name ?? null, input.description ?? null, input.isDefault ?? null],
    );
    return rows.length > 0;
  }

  async delete(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    return (await this.db.query('delete from public.roles where id = $1 returning id', [id])).length > 0;
  }

  /** Replaces a role's permissions; false when the role does not exist. */
  async setPermissions(id: string, permissions: RolePermissions): Promise<boolean> {
    if (!(await this.findById(id))) return false;
    await this.db.transaction((tx) => writePermissions(tx, id, permissions));
    return true;
  }

  /** Gives a user a role; false when it was already theirs. */
  async assign(userId: string, roleId: string): Promise<boolean> {
    const rows = await this.db.query(
      `insert into public.user_roles (user_id, role_id) values ($1, $2) on conflict do nothing returning user_id`,
      [userId, roleId],
    );
    return rows.length > 0;
  }

  /** Takes a role from a user; false when they did not hold it. */
  async unassign(userId: string, roleId: string): Promise<boolean> {
    if (!isUuid(userId) || !isUuid(roleId)) return false;
    const rows = await this.db.query(
      'delete from public.user_roles where user_id = $1 and role_id = $2 returning user_id',
      [userId, roleId],
    );
    return rows.length > 0;
  }

  /** Replaces every role of a user in one transaction. */
  async setUserRoles(userId: string, roleIds: readonly string[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query('delete from public.user_roles where user_id = $1', [userId]);
      for (const roleId of new Set(roleIds)) {
        await tx.query('insert into public.user_roles (user_id, role_id) values ($1, $2)', [userId, roleId]);
      }
    });
  }

  /** The roles a user holds, with their permissions. */
  async rolesOfUser(userId: string): Promise<RoleRow[]> {
    if (!isUuid(userId)) return [];
    const rows = await this.db.query<RoleRecord>(
      `${SELECT_ROLES} join public.user_roles ur on ur.role_id = r.id where ur.user_id = $1 order by lower(r.name)`,
      [userId],
    );
    return rows.map(toRole);
  }

  /** User ids holding a role. */
  async membersOf(roleId: string): Promise<string[]> {
    if (!isUuid(roleId)) return [];
    const rows = await this.db.query<{ user_id: string }>('select user_id from public.user_roles where role_id = $1', [
      roleId,
    ]);
    return rows.map((row) => row.user_id);
  }
}

async function writePermissions(tx: Queryable, roleId: string, permissions: RolePermissions): Promise<void> {
  await tx.query(
    `insert into public.role_permissions (role_id, enabled_modules, tool_masks) values ($1, $2, $3::jsonb)
     on conflict (role_id) do update set enabled_modules = excluded.enabled_modules,
       tool_masks = excluded.tool_masks, updated_at = now()`,
    [roleId, [...new Set(permissions.enabledModules)], JSON.stringify(permissions.toolMasks)],
  );
}
