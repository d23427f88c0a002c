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
});
