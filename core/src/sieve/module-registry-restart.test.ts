import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Tokens } from '../container/tokens.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import { dangerousMasks } from './default-masks.js';

let hub: TestHub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

describe('module registry and the default role across restarts', () => {
  it('keeps admin changes, and gives default roles only modules seen for the first time, dangerous tools masked', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mcpist-registry-'));
    const githubOnly = { dataDir, autoDiscoverPlugins: false, plugins: ['@mcpist/plugin-github'] };

    hub = await startTestHub(githubOnly);
    let roles = hub.server.container.resolve(Tokens.RolesRepository);
    const member = await roles.findByName('member');
    expect(member).toMatchObject({ enabledModules: ['github'], toolMasks: {} });
    // The admin takes github out of the default role and marks it deprecated.
    await roles.setPermissions(member?.id ?? '', { enabledModules: [], toolMasks: {} });
    await hub.server.container.resolve(Tokens.ModuleRegistryRepository).update('github', { status: 'deprecated' });
    await hub.close();

    hub = await startTestHub({ dataDir });
    const catalog = hub.server.container.resolve(Tokens.ModuleCatalog);
    roles = hub.server.container.resolve(Tokens.RolesRepository);
    const added = [...catalog.modules.keys()].filter((name) => name !== 'github');
    expect(added.length).toBeGreaterThan(1);
    const after = await roles.findByName('member');
    expect([...(after?.enabledModules ?? [])].sort()).toEqual(added.sort());
    expect(after?.toolMasks).toEqual(dangerousMasks(catalog, added));
    const registry = await hub.server.container.resolve(Tokens.ModuleRegistryRepository).statuses();
    expect(registry.get('github')).toBe('deprecated');
    expect(registry.get('notion')).toBe('stable');
  }, 60_000);

  it('offers the default roles, on an upgraded install, the modules registered before roles existed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mcpist-registry-'));
    hub = await startTestHub({ dataDir });
    const db = hub.server.container.resolve(Tokens.Database);
    // As the foundation left it: every module registered, none offered (the column's default), member empty.
    await db.query('update public.module_registry set offered_to_defaults = false');
    await hub.server.container
      .resolve(Tokens.RolesRepository)
      .setPermissions('00000000-0000-0000-0000-0000000000d1', { enabledModules: [], toolMasks: {} });
    await hub.close();

    hub = await startTestHub({ dataDir });
    const catalog = hub.server.container.resolve(Tokens.ModuleCatalog);
    const member = await hub.server.container.resolve(Tokens.RolesRepository).findByName('member');
    const all = [...catalog.modules.keys()];
    expect([...(member?.enabledModules ?? [])].sort()).toEqual(all.sort());
    expect(member?.toolMasks).toEqual(dangerousMasks(catalog, all));
  }, 60_000);
});
