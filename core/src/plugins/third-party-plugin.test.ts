import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FakeUpstream, startFakeUpstream } from '@mcpist/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startTestHub, type TestHub, textOf } from '../test-support/test-hub.js';

const PLUGIN_SOURCE = `
import { definePlugin, defineTool, errorFromHttpStatus, z } from '@mcpist/plugin-sdk';

const shout = defineTool({
  name: 'shout',
  description: 'Sends a message to the echo service and returns it upper-cased.',
  input: z.object({ message: z.string().min(1) }),
  output: z.object({ text: z.string() }),
  returns: 'record',
  readOnly: true,
  handler: async ({ message }, ctx) => {
    const response = await ctx.fetch(ctx.baseUrl + '/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer ' + ctx.credential.token },
      body: JSON.stringify({ message }),
      signal: ctx.signal,
    });
    if (!response.ok) throw errorFromHttpStatus({ status: response.status, message: 'echo failed' });
    return response.json();
  },
});

export default definePlugin({
  name: 'echo',
  displayName: 'Echo',
  description: 'A third-party echo service.',
  version: '1.0.0',
  upstreamApiVersion: 'v1',
  baseUrl: 'https://echo.example.com',
  auth: { token: {} },
  tools: [shout],
});
`;

function writeBrokenPlugin(site: string, name: string, source: string): void {
  const dir = join(site, 'node_modules', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name, version: '0.0.1', type: 'module', main: 'index.js', mcpist: { plugin: true } }),
  );
  writeFileSync(join(dir, 'index.js'), source);
}

const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

let site: string;
let upstream: FakeUpstream;
let hub: TestHub;

beforeAll(async () => {
  const work = mkdtempSync(join(tmpdir(), 'mcpist-third-party-'));
  const packs = join(work, 'packs');
  mkdirSync(packs);
  npm(['pack', join(REPO_ROOT, 'plugins/sdk'), '--pack-destination', packs], work);

  const source = join(work, 'mcpist-plugin-echo');
  mkdirSync(source);
  writeFileSync(
    join(source, 'package.json'),
    JSON.stringify({
      name: '@acme/mcpist-plugin-echo',
      version: '1.0.0',
      type: 'module',
      main: 'index.js',
      mcpist: { plugin: true },
      peerDependencies: { '@mcpist/plugin-sdk': '^0.1.0' },
    }),
  );
  writeFileSync(join(source, 'index.js'), PLUGIN_SOURCE);
  npm(['pack', source, '--pack-destination', packs], work);

  site = join(work, 'site');
  mkdirSync(site);
  writeFileSync(join(site, 'package.json'), JSON.stringify({ name: 'site', private: true }));
  const tarballs = readdirSync(packs).map((file) => join(packs, file));
  npm(['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs], site);
  // Two broken neighbours: one throws on import, one targets a future plugin API.
  writeBrokenPlugin(site, 'mcpist-plugin-explodes', 'throw new Error("explodes on import");');
  writeBrokenPlugin(
    site,
    'mcpist-plugin-future',
    `export default { name: 'future', pluginApiVersion: '9.0.0', tools: [], [Symbol.for('mcpist.plugin')]: true };`,
  );

  upstream = await startFakeUpstream({
    'POST /echo': (request) =>
      request.headers.authorization === 'Bearer echo-secret'
        ? { json: { text: String((request.body as { message: string }).message).toUpperCase() } }
        : { status: 401, json: { error: 'bad token' } },
  });
  hub = await startTestHub({
    pluginPaths: [join(site, 'node_modules')],
    pluginSettings: { echo: { baseUrl: upstream.url } },
  });
  await hub.setCredential('echo', 'echo-secret');
}, 120_000);

afterAll(async () => {
  await hub?.close();
  await upstream?.close();
});

describe('a third-party plugin installed from npm pack', () => {
  it('is discovered from its package.json and served without any change to core', async () => {
    const client = await hub.connect();
    const schema = await client.callTool({ name: 'get_module_schema', arguments: { modules: ['echo'] } });
    expect(schema.structuredContent).toMatchObject({ modules: [{ module: 'echo', tools: [{ name: 'shout' }] }] });
    const result = await client.callTool({
      name: 'call',
      arguments: { module: 'echo', tool: 'shout', params: { message: 'hello' } },
    });
    expect(result.isError).toBeFalsy();
    expect(textOf(result)).toBe('text: HELLO');
    expect(upstream.requests.at(-1)?.body).toEqual({ message: 'hello' });
  });

  it('starts anyway when other plugins are broken, and reports them in /health', async () => {
    const response = await fetch(`${hub.url}/health`);
    expect(response.status).toBe(200);
    const health = (await response.json()) as {
      status: string;
      checks: { plugins: { loaded: string[]; failed: Array<{ package: string; code: string }> } };
    };
    expect(health.status).toBe('degraded');
    expect(health.checks.plugins.loaded).toEqual(expect.arrayContaining(['echo', 'github']));
    expect(health.checks.plugins.failed).toEqual(
      expect.arrayContaining([
        {
          package: 'mcpist-plugin-explodes',
          code: 'MCPIST_PLUGIN_IMPORT_FAILED',
          message: expect.stringContaining('explodes'),
        },
        { package: 'mcpist-plugin-future', code: 'MCPIST_PLUGIN_API_MISMATCH', message: expect.any(String) },
      ]),
    );
  });

  it('uses its own copy of the SDK, checked by brand', () => {
    expect(readdirSync(join(site, 'node_modules/@mcpist'))).toContain('plugin-sdk');
  });
});
