import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database.js';
import { openDatabase } from '../open-database.js';
import { AdminsUnitOfWork } from './admins-unit-of-work.js';
import { AllowedUsersRepository } from './allowed-users-repository.js';
import { AuditLogsRepository } from './audit-logs-repository.js';
import { AuthAccountsRepository } from './auth-accounts-repository.js';
import { ModuleRegistryRepository } from './module-registry-repository.js';
import { PermissionEpochRepository } from './permission-epoch-repository.js';
import { RolesRepository } from './roles-repository.js';
import { UsersRepository } from './users-repository.js';

describe('identity repositories on the embedded store', () => {
  let db: Database;
  let users: UsersRepository;
  let roles: RolesRepository;
  let epoch: PermissionEpochRepository;

  beforeAll(async () => {
    ({ db } = await openDatabase({ dataDir: 'memory://' }));
    users = new UsersRepository(db);
    roles = new RolesRepository(db);
    epoch = new PermissionEpochRepository(db);
  });
  afterAll(() => db.close());

  it('creates roles with permissions, refuses a taken name, and assigns them', async () => {
    const { user } = await users.ensure('ada@example.com');
    const role = await roles.create({
      name: 'Engineers',
      enabledModules: ['github', 'jira', 'github'],
      toolMasks: { github: ['delete_repository'] },
    });
    expect(role).toMatchObject({ name: 'Engineers', enabledModules: ['github', 'jira'] });
    expect(await roles.create({ name: 'engineers', enabledModules: [], toolMasks: {} })).toBeUndefined();
    expect(await roles.assign(user.id, role?.id as string)).toBe(true);
    expect(await roles.assign(user.id, role?.id as string)).toBe(false);
    expect((await roles.rolesOfUser(user.id)).map((r) => [r.name, r.toolMasks])).toEqual([
      ['Engineers', { github: ['delete_repository'] }],
      ['member', {}],
    ]);
    expect(await roles.findById('not-a-uuid')).toBeUndefined();
  });

  it('gives every new user the default roles', async () => {
    const { user } = await users.ensure('newcomer@example.com');
    expect((await roles.rolesOfUser(user.id)).map((role) => [role.name, role.isDefault])).toEqual([['member', true]]);
  });

  it('moves the permission epoch on every change the sieve reads, and not otherwise', async () => {
    const role = await roles.create({ name: 'Readers', enabledModules: ['notion'], toolMasks: {} });
    const { user } = await users.ensure('someone-else@example.com');
    const before = await epoch.current();
    await users.update(user.id, { displayName: 'Someone' });
    await new AuditLogsRepository(db).record({ event: 'noted' });
    expect(await epoch.current()).toBe(before);
    await roles.setPermissions(role?.id as string, { enabledModules: ['notion', 'github'], toolMasks: {} });
    const afterPermissions = await epoch.current();
    expect(BigInt(afterPermissions)).toBeGreaterThan(BigInt(before));
    const registry = new ModuleRegistryRepository(db);
    const { added } = await registry.sync([
      { moduleName: 'x', displayName: 'X', description: '', apiVersion: '1', packageName: 'x', packageVersion: '1' },
    ]);
    expect(added).toEqual(['x']);
    // Offered until the default roles were given it; then never again.
    await registry.markOffered(added);
    expect(
      (
        await registry.sync([
          {
            moduleName: 'x',
            displayName: 'X',
            description: '',
            apiVersion: '1',
            packageName: 'x',
            packageVersion: '1',
          },
        ])
      ).added,
    ).toEqual([]);
    const afterSync = await epoch.current();
    await registry.update('x', { status: 'broken', notes: 'upstream changed' });
    expect(BigInt(await epoch.current())).toBeGreaterThan(BigInt(afterSync));
    expect((await registry.statuses()).get('x')).toBe('broken');
  });

  it('pages the audit log newest first', async () => {
    const audit = new AuditLogsRepository(db);
    for (const tool of ['a', 'b', 'c']) await audit.record({ event: 'tool_denied', module: 'github', tool });
    const first = await audit.page({ limit: 2, event: 'tool_denied' });
    expect(first.map((row) => row.tool)).toEqual(['c', 'b']);
    const next = await audit.page({ limit: 2, event: 'tool_denied', before: first[1]?.id });
    expect(next.map((row) => row.tool)).toEqual(['a']);
  });

  it('links identity-provider subjects and keeps an allow-list by lower-case email', async () => {
    const allowed = new AllowedUsersRepository(db);
    expect(await allowed.add('Grace@Example.com')).toBe(true);
    expect(await allowed.isAllowed('grace@example.COM')).toBe(true);
    const accounts = new AuthAccountsRepository(db);
    const { user } = await users.ensure('grace@example.com');
    expect(await accounts.findUserId('supabase', 'sub-1')).toBeUndefined();
    await accounts.link(user.id, 'supabase', 'sub-1', 'grace@example.com');
    expect(await accounts.findUserId('supabase', 'sub-1')).toBe(user.id);
  });

  it('keeps one admin when two admins are demoted and deleted at the same moment', async () => {
    const { user: first } = await users.ensure('first-admin@example.com');
    const second = await users.create({ email: 'second-admin@example.com', systemRole: 'admin' });
    await users.update(first.id, { systemRole: 'admin' });
    for (const { id } of (await users.list()).filter((u) => u.system_role === 'admin')) {
      if (id !== first.id && id !== second?.id) await users.update(id, { systemRole: 'user' });
    }
    const admins = new AdminsUnitOfWork(db);
    const results = await Promise.all([
      admins.keepingAnAdmin(first.id, (tx) => tx.update(first.id, { systemRole: 'user' })),
      admins.keepingAnAdmin(second?.id as string, (tx) => tx.delete(second?.id as string)),
    ]);
    expect(results.filter((result) => result === 'last_admin')).toHaveLength(1);
    expect(await users.countAdmins()).toBe(1);
  });
});
