import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeJira, startFakeJira } from '../../../plugins/jira/test/fake-jira.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { apiRequest } from '../test-support/api-client.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import type { ResolveHost } from './guarded-agent.js';

/**
 * SSRF through every user-settable input that reaches an outbound request
 * (docs/security.md): the Atlassian site a user stores, names that resolve to
 * loopback, and redirects from an upstream. A loopback sink counts the
 * connections it receives; none may arrive.
 */

interface Sink {
  port: number;
  connections: number;
  server: Server;
}

async function startSink(): Promise<Sink> {
  const sink = { port: 0, connections: 0 } as Sink;
  sink.server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ key: 'LEAK-1', fields: { summary: 'secret internal answer' } }));
  });
  sink.server.on('connection', () => {
    sink.connections += 1;
  });
  await new Promise<void>((resolve) => sink.server.listen(0, '127.0.0.1', resolve));
  sink.port = (sink.server.address() as AddressInfo).port;
  return sink;
}

/** A trusted upstream (the operator's GitHub base URL) that redirects every request to `location`. */
async function startRedirector(location: () => string): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(302, { location: location() }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** DNS as a test wants it: these names resolve to loopback; nothing else resolves. */
const names: Record<string, string> = {
  'rebind.atlassian.net': '127.0.0.1',
  'rebind6.atlassian.net': '::1',
  'jira.corp.test': '127.0.0.1',
  'redirect-target.example.com': '127.0.0.1',
};
const resolveHost: ResolveHost = async (hostname) => {
  const address = names[hostname];
  if (!address) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  return [{ address, family: address.includes(':') ? 6 : 4 }];
};

let sink: Sink;
let redirector: { url: string; server: Server };
let redirectTo = '';
let jira: FakeJira;
let hub: TestHub;
let client: Client;

beforeAll(async () => {
  sink = await startSink();
  redirector = await startRedirector(() => redirectTo);
  jira = await startFakeJira({ issues: 3 });
  hub = await startTestHub(
    {
      plugins: ['@mcpist/plugin-jira', '@mcpist/plugin-confluence', '@mcpist/plugin-github'],
      // Jira and Confluence use the credential's site (no operator base URL); GitHub's base URL is the operator's.
      pluginSettings: { github: { baseUrl: redirector.url, timeoutMs: 5000 } },
      upstream: { allowedHosts: ['jira.corp.test'] },
    },
    { resolveHost },
  );
  await hub.setCredential('github', 'ghp_ssrfTestToken');
  client = await hub.connect();
});

afterAll(async () => {
  await hub?.close();
  await jira?.close();
  await new Promise((resolve) => sink?.server.close(resolve));
  await new Promise((resolve) => redirector?.server.close(resolve));
});

beforeEach(() => {
  sink.connections = 0;
});

async function storeSite(site: string) {
  return apiRequest(hub.url, 'put', '/profile/services/atlassian/token', {
    token: hub.token,
    body: { token: 'atlassian-api-token', fields: { email: 'alice@example.com', site } },
  });
}

async function call(module: string, tool: string, params: Record<string, unknown>) {
  const result = await client.callTool({ name: 'call', arguments: { module, tool, params } });
  return {
    isError: result.isError === true,
    structured: result.structuredContent as { error?: { code: number } } & Record<string, unknown>,
  };
}

describe('a site a user stores', () => {
  const refused = () => [
    `http://127.0.0.1:${sink.port}`,
    `127.0.0.1:${sink.port}`,
    '169.254.169.254',
    '10.0.0.1:8080',
    'http://localhost:5432',
    'https://localhost:5432',
    'http://[::1]:6379',
    'https://[::1]:6379',
    'http://0x7f000001',
    'https://0x7f000001',
    'https://2130706433',
    'https://0177.0.0.1',
    'https://[::ffff:127.0.0.1]',
    'https://[::ffff:7f00:1]',
    'https://100.64.0.1',
    'https://192.168.1.10',
    'https://172.16.0.1',
    'https://[fd00::1]',
    'https://[fe80::1]',
    'https://0.0.0.0',
    'https://224.0.0.1',
    'http://acme.atlassian.net',
    'https://evil.example.com',
    'https://acme.atlassian.net.evil.example.com',
    'https://user:password@acme.atlassian.net',
  ];

  it('is refused with 400 naming fields.site for every private, loopback, numeric or foreign form, and nothing is stored', async () => {
    for (const site of refused()) {
      const answer = await storeSite(site);
      expect({ site, status: answer.status }).toEqual({ site, status: 400 });
      expect(JSON.stringify(answer.body)).toContain('fields.site');
    }
    const services = await apiRequest(hub.url, 'get', '/profile/services', { token: hub.token });
    const jiraRow = (services.body.services as Array<{ module: string; kind: string | null }>).find(
      (row) => row.module === 'jira',
    );
    expect(jiraRow?.kind).toBeNull();
    expect(sink.connections).toBe(0);
  });

  it('is accepted for an Atlassian Cloud site and for a host the operator allows', async () => {
    expect((await storeSite('acme.atlassian.net')).status).toBe(200);
    expect((await storeSite('https://acme.atlassian.net/')).status).toBe(200);
    expect((await storeSite('http://jira.corp.test:8080')).status).toBe(200);
  });
});

describe('connections to a host a user supplied', () => {
  it('never reach a loopback address stored before the check existed (Jira and Confluence)', async () => {
    await hub.setCredential('atlassian', 'atlassian-api-token', {
      fields: { email: 'alice@example.com', site: `http://127.0.0.1:${sink.port}` },
    });
    const issue = await call('jira', 'get_issue', { issue_key: 'LEAK-1' });
    expect(issue.isError).toBe(true);
    expect(issue.structured.error?.code).toBe(ErrorCodes.EXTERNAL_API_ERROR);
    expect(JSON.stringify(issue.structured)).not.toContain('secret internal answer');
    const page = await call('confluence', 'get_page', { page_id: '1' });
    expect(page.isError).toBe(true);
    expect(sink.connections).toBe(0);
  });

  it('never reach loopback through a name that resolves there, over IPv4 or IPv6', async () => {
    for (const host of ['rebind.atlassian.net', 'rebind6.atlassian.net']) {
      const site = `${host}:${sink.port}`;
      expect((await storeSite(site)).status).toBe(200);
      const issue = await call('jira', 'get_issue', { issue_key: 'LEAK-1' });
      expect(issue.isError).toBe(true);
      expect(issue.structured.error?.code).toBe(ErrorCodes.EXTERNAL_API_ERROR);
      const page = await call('confluence', 'get_page', { page_id: '1' });
      expect(page.isError).toBe(true);
    }
    expect(sink.connections).toBe(0);
  });

  it('reach a host the operator allows, even on a private address', async () => {
    const site = `http://jira.corp.test:${new URL(jira.url).port}`;
    const stored = await apiRequest(hub.url, 'put', '/profile/services/atlassian/token', {
      token: hub.token,
      body: { token: jira.token, fields: { email: jira.email, site } },
    });
    expect(stored.status).toBe(200);
    const issue = await call('jira', 'get_issue', { issue_key: 'DEMO-1' });
    expect(issue.isError).toBe(false);
    expect(issue.structured.key).toBe('DEMO-1');
  });
});

describe('redirects from an upstream', () => {
  it('to a loopback address are not followed, from a trusted base URL either', async () => {
    for (const target of [
      `http://127.0.0.1:${sink.port}/repos/o/r/issues/1`,
      `https://127.0.0.1:${sink.port}/repos/o/r/issues/1`,
      `http://localhost:${sink.port}/repos/o/r/issues/1`,
      `https://redirect-target.example.com:${sink.port}/repos/o/r/issues/1`,
      `http://[::1]:${sink.port}/repos/o/r/issues/1`,
    ]) {
      redirectTo = target;
      const issue = await call('github', 'get_issue', { owner: 'o', repo: 'r', issue_number: 1 });
      expect({ target, isError: issue.isError }).toEqual({ target, isError: true });
      expect(JSON.stringify(issue.structured)).not.toContain('secret internal answer');
    }
    expect(sink.connections).toBe(0);
  });
});
