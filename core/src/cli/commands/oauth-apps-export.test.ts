import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveOAuthApp } from '../../broker/oauth-apps.js';
import { resolveDeps } from '../../container/declared-deps.js';
import { Tokens } from '../../container/tokens.js';
import { startTestHub, type TestHub } from '../../test-support/test-hub.js';
import { OAUTH_APPS_EXPORT } from './oauth-apps-export.js';

/** `mcpist oauth-apps export` (spec-ops §7.2): redirect URIs and settings, never a client id or secret. */

const PUBLIC_URL = 'https://mcpist.example.com';
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub({ publicUrl: PUBLIC_URL });
  const c = hub.server.container;
  await saveOAuthApp(c.resolve(Tokens.OAuthAppsRepository), c.resolve(Tokens.KeyRing), 'github', {
    clientId: 'Iv1.client-id-4711',
    clientSecret: 'client-secret-0815-do-not-export',
    settings: { scopes: ['repo', 'read:user'] },
  });
});

afterAll(() => hub?.close());

async function exportApps(): Promise<{ text: string; json: Record<string, unknown> }> {
  let text = '';
  await OAUTH_APPS_EXPORT.run(
    resolveDeps(hub.server.container, OAUTH_APPS_EXPORT.deps),
    {},
    {
      out: (chunk) => (text += chunk),
      err: () => {},
    },
  );
  return { text, json: JSON.parse(text) };
}

describe('oauth-apps export', () => {
  it("lists every OAuth service with the redirect URI this server serves, and a set app's settings", async () => {
    const { json } = await exportApps();
    const apps = json.oauth_apps as Array<Record<string, unknown>>;
    expect(json.public_url).toBe(PUBLIC_URL);
    expect(apps.map((app) => app.service)).toEqual(['atlassian', 'github', 'google-calendar', 'notion']);
    for (const app of apps) {
      expect(app.redirect_uri).toBe(`${PUBLIC_URL}/api/services/${app.service}/oauth/callback`);
    }
    expect(apps.find((app) => app.service === 'github')).toMatchObject({
      configured: true,
      public_client: false,
      settings: { scopes: ['repo', 'read:user'] },
    });
    expect(apps.find((app) => app.service === 'notion')).toMatchObject({ configured: false, settings: {} });
  });

  it('holds neither the client id nor the client secret', async () => {
    const { text } = await exportApps();
    expect(text).not.toContain('client-id-4711');
    expect(text).not.toContain('client-secret-0815');
    expect(text).not.toMatch(/v1:k/);
  });
});
