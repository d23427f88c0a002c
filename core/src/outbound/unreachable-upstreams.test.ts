import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import Transport from 'winston-transport';
import { Tokens } from '../container/tokens.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { startTestHub, type TestHub, textOf } from '../test-support/test-hub.js';
import type { ResolveHost } from './guarded-agent.js';

/**
 * Upstreams that cannot be reached, through a running hub and each plugin's
 * own SDK (Octokit, @notionhq/client, googleapis, jira.js and confluence.js
 * through @mcpist/atlassian): a port that refuses connections, a name that
 * does not resolve, a TLS handshake with a server that speaks plain HTTP.
 * Each is a tool error that says so — host, what failed, the socket code —
 * logged once at warn, never at error and never as an HTTP 500.
 */

interface Logged {
  level: string;
  message: string;
  module?: string;
  upstream_host?: string;
  network_code?: string;
}

const logged: Logged[] = [];

class Capture extends Transport {
  override log(info: Logged, next: () => void) {
    logged.push({ ...info });
    next();
  }
}

/** DNS as the test wants it: the `*.corp.test` names an operator allowed resolve to loopback; nothing else resolves. */
const resolveHost: ResolveHost = async (hostname) => {
  if (hostname.endsWith('.corp.test')) return [{ address: '127.0.0.1', family: 4 }];
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
};

/** A port nothing listens on: bound once to learn a free one, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const CALLS = [
  { module: 'github', tool: 'get_repo', params: { owner: 'octo', repo: 'hello' }, service: 'github' },
  { module: 'notion', tool: 'list_users', params: {}, service: 'notion' },
  { module: 'google-calendar', tool: 'list_calendars', params: {}, service: 'google-calendar' },
  { module: 'jira', tool: 'get_issue', params: { issue_key: 'DEMO-1' }, service: 'atlassian' },
  { module: 'confluence', tool: 'get_page', params: { page_id: '1' }, service: 'atlassian' },
] as const;

const PLUGINS = [
  '@mcpist/plugin-github',
  '@mcpist/plugin-notion',
  '@mcpist/plugin-google-calendar',
  '@mcpist/plugin-jira',
  '@mcpist/plugin-confluence',
];

/** A hub whose every plugin talks to `base` (the Atlassian ones through the site stored with the credential). */
async function hubFor(base: string, site: string): Promise<{ hub: TestHub; client: Client }> {
  const settings = { baseUrl: base, timeoutMs: 10_000 };
  const hub = await startTestHub(
    {
      plugins: PLUGINS,
      pluginSettings: { github: settings, notion: settings, 'google-calendar': settings },
      upstream: { allowedHosts: ['closed.corp.test', 'plain.corp.test', 'nowhere.corp.invalid'] },
      logLevel: 'warn',
    },
    { resolveHost },
  );
  hub.server.container.resolve(Tokens.Logger).add(new Capture({ level: 'debug' }));
  await hub.setCredential('github', 'ghp_unreachableTestToken');
  await hub.setCredential('notion', 'ntn_unreachableTestToken');
  await hub.setCredential('google-calendar', 'ya29.unreachable-test-token');
  await hub.setCredential('atlassian', 'atlassian-api-token', { fields: { email: 'alice@example.com', site } });
  return { hub, client: await hub.connect() };
}

type Outcome = { text: string; error: { code: number; message: string; data: Record<string, unknown> } };

async function call(client: Client, module: string, tool: string, params: Record<string, unknown>): Promise<Outcome> {
  const result = await client.callTool({ name: 'call', arguments: { module, tool, params } });
  expect(result.isError, textOf(result)).toBe(true);
  return { text: textOf(result), error: (result.structuredContent as { error: Outcome['error'] }).error };
}

let refusedPort: number;
let plain: Server;
let plainPort: number;
let refused: { hub: TestHub; client: Client };
let unresolved: { hub: TestHub; client: Client };

beforeAll(async () => {
  refusedPort = await closedPort();
  plain = createServer((_req, res) => res.end('{}'));
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  plainPort = (plain.address() as AddressInfo).port;
  refused = await hubFor(`http://127.0.0.1:${refusedPort}`, `http://closed.corp.test:${refusedPort}`);
  unresolved = await hubFor('https://api.nowhere.invalid', 'http://nowhere.corp.invalid');
});

afterAll(async () => {
  await refused?.hub.close();
  await unresolved?.hub.close();
  await new Promise((resolve) => plain?.close(resolve));
});

beforeEach(() => {
  logged.length = 0;
});

/** Every plugin's call, at once (each is retried about a second apart), and the log lines they left. */
async function callEveryPlugin(client: Client) {
  const outcomes = await Promise.all(CALLS.map(({ module, tool, params }) => call(client, module, tool, params)));
  return CALLS.map((entry, i) => ({ ...entry, outcome: outcomes[i] as Outcome }));
}

function expectLoggedOnceAtWarn(module: string, host: string, code: string) {
  const lines = logged.filter((line) => line.module === module);
  expect(lines.filter((line) => line.level === 'error')).toEqual([]);
  expect(lines.filter((line) => line.level === 'warn')).toEqual([
    expect.objectContaining({ message: 'tool call failed', upstream_host: host, network_code: code }),
  ]);
  // Octokit's own line for the request ("GET … - 500 with id UNKNOWN") is an echo of the failure: debug only.
  const shown = lines.filter((line) => line.level !== 'debug');
  expect(JSON.stringify(shown)).not.toMatch(/\b500\b|UNKNOWN/);
}

describe('an upstream that cannot be reached', () => {
  it('refusing connections: "could not reach …: connection refused (ECONNREFUSED)", 3001, logged once at warn', async () => {
    for (const { module, outcome } of await callEveryPlugin(refused.client)) {
      const host = module === 'jira' || module === 'confluence' ? 'closed.corp.test' : '127.0.0.1';
      const where = `${host}:${refusedPort}`;
      expect({ module, code: outcome.error.code }).toEqual({ module, code: ErrorCodes.EXTERNAL_API_ERROR });
      expect(outcome.error.message).toContain(`could not reach ${where}: connection refused (ECONNREFUSED)`);
      expect(outcome.text).toMatch(/^error\[1\]\{code,message\}:\n {2}3001,/);
      expect(outcome.error.data).toMatchObject({
        reason: 'upstream_unreachable',
        host: where,
        network_code: 'ECONNREFUSED',
        retriable: true,
      });
      expect(outcome.error.message).not.toMatch(/\b500\b|UNKNOWN|failed unexpectedly/);
      expectLoggedOnceAtWarn(module, where, 'ECONNREFUSED');
    }
  });

  it('whose name does not resolve: "could not reach …: DNS lookup failed (ENOTFOUND)", 3001, logged once at warn', async () => {
    for (const { module, outcome } of await callEveryPlugin(unresolved.client)) {
      const host = module === 'jira' || module === 'confluence' ? 'nowhere.corp.invalid' : 'api.nowhere.invalid';
      expect({ module, code: outcome.error.code }).toEqual({ module, code: ErrorCodes.EXTERNAL_API_ERROR });
      expect(outcome.error.message).toContain(`could not reach ${host}: DNS lookup failed (ENOTFOUND)`);
      expect(outcome.error.message).toContain('DNS');
      expect(outcome.error.data).toMatchObject({ reason: 'upstream_unreachable', host, network_code: 'ENOTFOUND' });
      expectLoggedOnceAtWarn(module, host, 'ENOTFOUND');
    }
  });

  it('speaking plain HTTP to https: a TLS failure, not retried, logged once at warn', async () => {
    await refused.hub.setCredential('atlassian', 'atlassian-api-token', {
      fields: { email: 'alice@example.com', site: `https://plain.corp.test:${plainPort}` },
    });
    let connections = 0;
    const count = () => {
      connections += 1;
    };
    plain.on('connection', count);
    try {
      const { error } = await call(refused.client, 'jira', 'get_issue', { issue_key: 'DEMO-1' });
      const where = `plain.corp.test:${plainPort}`;
      expect(error.code).toBe(ErrorCodes.EXTERNAL_API_ERROR);
      expect(error.message).toMatch(new RegExp(`could not reach ${where}: TLS handshake failed \\(\\w+\\)`));
      expect(error.data).toMatchObject({ reason: 'upstream_unreachable', host: where, retriable: false });
      expect(connections).toBe(1);
      expectLoggedOnceAtWarn('jira', where, error.data.network_code as string);
    } finally {
      plain.off('connection', count);
    }
  });
});
