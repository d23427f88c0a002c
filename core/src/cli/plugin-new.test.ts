import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FakeUpstream, startFakeUpstream } from '@mcpist/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMcpist } from '../test-support/run-cli.js';
import { REPO_ROOT, startTestHub, type TestHub, textOf } from '../test-support/test-hub.js';

const run = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const npm = (args: string[], cwd: string) => run('npm', [...args, '--no-audit', '--no-fund'], cwd);

let work: string;
let generated: string;
let upstream: FakeUpstream;
let hub: TestHub;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'mcpist-plugin-new-'));
  generated = join(work, 'acme-notes');
  const scaffolded = await runMcpist(['plugin', 'new', 'acme-notes', '--scope', '@acme', '--dir', generated]);
  expect(scaffolded.status).toBe(0);
  const packs = join(work, 'packs');
  mkdirSync(packs);
  npm(['pack', join(REPO_ROOT, 'plugins/sdk'), '--pack-destination', packs], work);
  const sdk = join(packs, readdirSync(packs)[0] as string);
  npm(['install', '--prefer-offline', '--save-dev', sdk], generated);
}, 120_000);

afterAll(async () => {
  await hub?.close();
  await upstream?.close();
});

describe('mcpist plugin new', () => {
  it('scaffolds a package that declares itself a plugin with the SDK as a peer', () => {
    const pkg = JSON.parse(readFileSync(join(generated, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({
      name: '@acme/mcpist-plugin-acme-notes',
      mcpist: { plugin: true },
      peerDependencies: { '@mcpist/plugin-sdk': '^0.1.0' },
    });
    expect(readdirSync(generated).sort()).toEqual([
      'README.md',
      'node_modules',
      'package-lock.json',
      'package.json',
      'src',
      'test',
    ]);
  });

  it('passes its own tests as generated', () => {
    const output = run('npm', ['test'], generated);
    expect(output).toMatch(/pass 4\b/);
    expect(output).toMatch(/fail 0\b/);
  });

  it('is served by the core once packed and installed outside the workspace', async () => {
    const packs = join(work, 'plugin-pack');
    mkdirSync(packs);
    npm(['pack', generated, '--pack-destination', packs], work);
    const site = join(work, 'site');
    mkdirSync(site);
    writeFileSync(join(site, 'package.json'), JSON.stringify({ name: 'site', private: true }));
    const sdk = readdirSync(join(work, 'packs')).map((file) => join(work, 'packs', file));
    const plugin = readdirSync(packs).map((file) => join(packs, file));
    npm(['install', '--prefer-offline', ...sdk, ...plugin], site);

    upstream = await startFakeUpstream({
      'GET /items/:id': (request) => ({
        json: { id: request.params.id, name: 'Quarterly plan', web_url: `https://notes.example/${request.params.id}` },
      }),
    });
    hub = await startTestHub({
      pluginPaths: [join(site, 'node_modules')],
      pluginSettings: { 'acme-notes': { baseUrl: upstream.url } },
    });
    await hub.setCredential('acme-notes', 'test-token');
    const client = await hub.connect();
    const schema = await client.callTool({ name: 'get_module_schema', arguments: { modules: ['acme-notes'] } });
    expect(schema.structuredContent).toMatchObject({
      modules: [{ module: 'acme-notes', tools: [{ name: 'get_item' }] }],
    });
    const result = await client.callTool({
      name: 'call',
      arguments: { module: 'acme-notes', tool: 'get_item', params: { id: 'n-7' } },
    });
    expect(textOf(result)).toBe('id: n-7\ntitle: Quarterly plan\nurl: "https://notes.example/n-7"');
    expect(upstream.requests.at(-1)?.headers.authorization).toBe('Bearer test-token');
    const resource = await client.readResource({ uri: 'acme-notes://item/n-8' });
    expect(resource.contents).toEqual([
      {
        uri: 'acme-notes://item/n-8',
        mimeType: 'text/markdown',
        text: '# Quarterly plan\n\n<https://notes.example/n-8>\n',
      },
    ]);
  }, 120_000);

  it.each([
    ['a bad name', ['plugin', 'new', 'Bad Name'], /not a plugin name/],
    ['a bad scope', ['plugin', 'new', 'ok', '--scope', 'acme'], /not an npm scope/],
  ])('refuses %s', async (_name, args, message) => {
    const refused = await runMcpist([...args, '--dir', join(work, 'refused')]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(message);
  });
});
