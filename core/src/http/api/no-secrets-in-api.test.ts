import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashApiToken } from '../../auth/api-token.js';
import { Tokens } from '../../container/tokens.js';
import { apiClient } from '../../test-support/api-client.js';
import { startTestHub, type TestHub } from '../../test-support/test-hub.js';
import { apiRoutes } from './api-routes.js';

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => hub?.close());

it('no GET response carries a stored secret, its ciphertext or a token hash; each matches its documented schema', async () => {
  const bob = await hub.issueToken('bob@example.com');
  const secrets = ['ghp_alice_SECRET_1234567890', 'ntn_bob_SECRET_0987654321'];
  await hub.setCredential('github', secrets[0] as string, { fields: { login: 'alice' } });
  await hub.setCredential('notion', secrets[1] as string, { userId: bob.userId });
  const credentials = hub.server.container.resolve(Tokens.CredentialsRepository);
  const ciphertexts = [
    (await credentials.findPersonal(hub.userId, 'github'))?.secret,
    (await credentials.findPersonal(bob.userId, 'notion'))?.secret,
  ] as string[];
  expect(ciphertexts.every(Boolean)).toBe(true);
  const forbidden = [
    ...secrets,
    ...ciphertexts,
    hub.token,
    bob.token,
    hashApiToken(hub.token),
    hashApiToken(bob.token),
  ];

  const admin = apiClient(hub.url, hub.token);
  const role = (await admin('post', '/roles', { name: 'scan', enabled_modules: ['github'] })).body;
  const routes = apiRoutes(hub.server.container);
  const sample: Record<string, string> = { users: bob.userId, roles: role.id };
  let scanned = 0;
  for (const token of [hub.token, bob.token]) {
    const client = apiClient(hub.url, token);
    for (const route of routes.filter((r) => r.method === 'get')) {
      const path = route.path.replace(/\{\w+\}/g, () => sample[route.tag] ?? 'x');
      const answer = await client('get', path);
      if (answer.status !== 200) continue;
      scanned++;
      // What is served is what the OpenAPI document says.
      expect(route.response?.safeParse(answer.body).success, `${path} matches its schema`).toBe(true);
      for (const secret of forbidden) expect(answer.text, `${path} leaks`).not.toContain(secret);
    }
  }
  expect(scanned).toBeGreaterThanOrEqual(20);
  // The scan can fail: the services view does see both connections.
  const services = (await admin('get', '/profile/services')).body.services;
  expect(services.find((s: { module: string }) => s.module === 'github').connection).toBe('connected_personal');
});
