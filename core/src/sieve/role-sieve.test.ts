import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../auth/principal.js';
import { Tokens } from '../container/tokens.js';
import type { ModuleCatalog } from '../plugins/module-catalog.js';
import type { ModuleStatus } from '../store/repositories/module-registry-repository.js';
import type { RolesRepository, ToolMasks } from '../store/repositories/roles-repository.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import { dangerousMasks } from './default-masks.js';
import type { ToolSieve } from './tool-sieve.js';

let hub: TestHub;
let catalog: ModuleCatalog;
let roles: RolesRepository;
let sieve: ToolSieve;
let users = 0;

/** Every tool of a module as `module:tool`, from the loaded plugins. */
const all = (module: string): string[] =>
  [...(catalog.modules.get(module)?.tools.keys() ?? [])].map((tool) => `${module}:${tool}`);
const without = (tools: string[], ...names: string[]) => tools.filter((tool) => !names.includes(tool));

/** A fresh user holding exactly these roles (not the default one). */
async function principalWith(grants: Array<{ modules: string[]; masks?: ToolMasks }>): Promise<Principal> {
  const email = `user${++users}@example.com`;
  const { userId } = await hub.issueToken(email);
  const roleIds = [];
  for (const grant of grants) roleIds.push(await hub.grant(userId, grant));
  await roles.setUserRoles(userId, roleIds);
  return { userId, email, systemRole: 'user', via: 'api_token' };
}

async function withStatuses<T>(statuses: Record<string, ModuleStatus>, fn: () => Promise<T>): Promise<T> {
  const registry = hub.server.container.resolve(Tokens.ModuleRegistryRepository);
  for (const [module, status] of Object.entries(statuses)) await registry.update(module, { status });
  try {
    return await fn();
  } finally {
    for (const module of Object.keys(statuses)) await registry.update(module, { status: 'stable' });
  }
}

beforeAll(async () => {
  hub = await startTestHub();
  catalog = hub.server.container.resolve(Tokens.ModuleCatalog);
  roles = hub.server.container.resolve(Tokens.RolesRepository);
  sieve = hub.server.container.resolve(Tokens.ToolSieve);
});

afterAll(async () => {
  await hub?.close();
});

describe('RoleSieve: allowed tools', () => {
  const cases: Array<{
    name: string;
    grants: Array<{ modules: string[]; masks?: ToolMasks }>;
    statuses?: Record<string, ModuleStatus>;
    expected: () => string[];
    deprecated?: string[];
  }> = [
    { name: 'no role: nothing', grants: [], expected: () => [] },
    { name: 'one role, one module', grants: [{ modules: ['github'] }], expected: () => all('github') },
    {
      name: 'masked tools are left out',
      grants: [{ modules: ['github', 'jira'], masks: { github: ['create_issue'], jira: ['delete_issue'] } }],
      expected: () => [...without(all('github'), 'github:create_issue'), ...without(all('jira'), 'jira:delete_issue')],
    },
    {
      name: 'union: a tool masked in one role but allowed in another is allowed',
      grants: [{ modules: ['github'], masks: { github: ['create_issue', 'get_issue'] } }, { modules: ['github'] }],
      expected: () => all('github'),
    },
    {
      name: 'union: masks of different roles do not add up across modules',
      grants: [{ modules: ['github'], masks: { github: ['create_issue'] } }, { modules: ['notion'] }],
      expected: () => [...without(all('github'), 'github:create_issue'), ...all('notion')],
    },
    {
      name: 'a mask naming a module the role does not enable changes nothing',
      grants: [{ modules: ['notion'], masks: { github: ['list_issues'] } }],
      expected: () => all('notion'),
    },
    {
      name: 'broken modules are left out, whatever the roles say',
      grants: [{ modules: ['github', 'jira'] }],
      statuses: { jira: 'broken' },
      expected: () => all('github'),
    },
    {
      name: 'deprecated modules stay, flagged',
      grants: [{ modules: ['github', 'notion'] }],
      statuses: { notion: 'deprecated' },
      expected: () => [...all('github'), ...all('notion')],
      deprecated: ['notion'],
    },
    {
      name: 'modules a role enables that are not loaded are ignored',
      grants: [{ modules: ['nope', 'github'] }],
      expected: () => all('github'),
    },
  ];

  it.each(cases)('$name', async ({ grants, statuses, expected, deprecated = [] }) => {
    const principal = await principalWith(grants);
    await withStatuses(statuses ?? {}, async () => {
      const view = await sieve.viewFor(principal);
      expect(view.allowedTools().sort()).toEqual(expected().sort());
      const { modules } = view.schema(view.moduleNames);
      expect(modules.filter((m) => m.deprecated).map((m) => m.module)).toEqual(deprecated);
      const fromSchema = modules.flatMap((m) => m.tools.map((tool) => `${m.module}:${tool.name}`));
      expect(fromSchema.sort()).toEqual(expected().sort());
    });
  });

  it('the default member role has every loaded module with its dangerous tools masked', async () => {
    const member = await roles.findByName('member');
    expect(member?.isDefault).toBe(true);
    expect([...(member?.enabledModules ?? [])].sort()).toEqual([...catalog.modules.keys()].sort());
    expect(member?.toolMasks).toEqual(dangerousMasks(catalog, catalog.modules.keys()));
    expect(Object.keys(member?.toolMasks ?? {}).length).toBeGreaterThan(0);
    const email = 'newcomer@example.com';
    const { userId } = await hub.issueToken(email);
    const view = await sieve.viewFor({ userId, email, systemRole: 'user', via: 'api_token' });
    const dangerous = [...catalog.modules.values()].flatMap((m) =>
      [...m.tools.values()].filter((t) => t.definition.dangerous).map((t) => `${m.name}:${t.definition.name}`),
    );
    expect(dangerous.length).toBeGreaterThan(0);
    for (const tool of dangerous) expect(view.allowedTools()).not.toContain(tool);
  });
});

describe('RoleSieve: cache', () => {
  it('shares one view between users with the same permissions, and not otherwise', async () => {
    const [a, b, c] = await Promise.all([
      principalWith([{ modules: ['github'], masks: { github: ['create_issue'] } }]),
      principalWith([{ modules: ['github'], masks: { github: ['create_issue'] } }]),
      principalWith([{ modules: ['github'] }]),
    ]);
    const [va, vb, vc] = [await sieve.viewFor(a), await sieve.viewFor(b), await sieve.viewFor(c)];
    expect(va).toBe(vb);
    expect(va).not.toBe(vc);
    expect(await sieve.viewFor(a)).toBe(va);
  });

  it('sees a change of permissions, role assignment or module status on the next request', async () => {
    const principal = await principalWith([{ modules: ['github'] }]);
    const [roleId] = (await roles.rolesOfUser(principal.userId)).map((role) => role.id) as [string];
    expect(await sieve.viewFor(principal).then((v) => v.allowedTools())).toContain('github:list_issues');

    await roles.setPermissions(roleId, { enabledModules: ['github'], toolMasks: { github: ['list_issues'] } });
    expect(await sieve.viewFor(principal).then((v) => v.allowedTools())).not.toContain('github:list_issues');

    const notion = await hub.grant(principal.userId, { modules: ['notion'] });
    expect(await sieve.viewFor(principal).then((v) => v.moduleNames.sort())).toEqual(['github', 'notion']);

    await withStatuses({ notion: 'broken' }, async () => {
      expect(await sieve.viewFor(principal).then((v) => v.moduleNames)).toEqual(['github']);
    });
    await roles.unassign(principal.userId, notion);
    await roles.unassign(principal.userId, roleId);
    expect(await sieve.viewFor(principal).then((v) => v.allowedTools())).toEqual([]);
  });
});
