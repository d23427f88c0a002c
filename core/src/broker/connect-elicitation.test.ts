import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ElicitRequestSchema, McpError } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeGoogleCalendar,
  startFakeGoogleCalendar,
} from '../../../plugins/google-calendar/test/fake-google-calendar.js';
import { Tokens } from '../container/tokens.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { type FakeOAuthProvider, startFakeOAuthProvider } from '../test-support/fake-oauth-provider.js';
import { TestBrowser } from '../test-support/test-browser.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';
import { saveOAuthApp } from './oauth-apps.js';

/**
 * A call to a service the user has not connected. A client that declared URL
 * elicitation (MCP 2025-11-25) is asked to open the connect URL; once the
 * user finished the provider's flow, the same call succeeds. A 2026-07-28
 * client is asked within the call (an `input_required` round trip) and the
 * call completes once it answers. Other clients get the link in the tool
 * result.
 */

let hub: TestHub;
let google: FakeGoogleCalendar;
let provider: FakeOAuthProvider;
const clients: Client[] = [];

async function connect(token: string, urlElicitation: boolean): Promise<Client> {
  const client = new Client(
    { name: 'elicitation-test', version: '1.0.0' },
    { capabilities: urlElicitation ? { elicitation: { url: {} } } : {} },
  );
  // Declaring a capability means handling its requests; this server never sends one (it answers -32042 instead).
  if (urlElicitation) client.setRequestHandler(ElicitRequestSchema, async () => ({ action: 'decline' }));
  const transport = new StreamableHTTPClientTransport(new URL('/mcp', hub.url), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);
  clients.push(client);
  return client;
}

const listCalendars = (client: Client) =>
  client.callTool({ name: 'call', arguments: { module: 'google-calendar', tool: 'list_calendars', params: {} } });

/** What the user does in the browser: MCPist's connect page, approve at the provider, land on the callback. */
async function approveInBrowser(connectUrl: string): Promise<number> {
  return (await new TestBrowser().connect(connectUrl)).status;
}

beforeAll(async () => {
  google = await startFakeGoogleCalendar();
  provider = await startFakeOAuthProvider({
    clientAuth: 'body',
    accessTokens: [google.token, google.token, google.token],
  });
  hub = await startTestHub({ pluginSettings: { 'google-calendar': { baseUrl: google.url } } });
  const c = hub.server.container;
  await saveOAuthApp(c.resolve(Tokens.OAuthAppsRepository), c.resolve(Tokens.KeyRing), 'google-calendar', {
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    settings: { authorizeUrl: provider.authorizeUrl, tokenUrl: provider.tokenUrl },
  });
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close().catch(() => {})));
  await hub?.close();
  await Promise.all([google?.close(), provider?.close()]);
});

describe('a call to a service that is not connected', () => {
  it('asks a URL-elicitation client to open the connect URL, and the call completes after the flow', async () => {
    const client = await connect(hub.token, true);
    const refused = await listCalendars(client).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(McpError);
    const error = refused as McpError;
    expect(error.code).toBe(-32042);
    const [elicitation] = (error.data as { elicitations: Array<Record<string, string>> }).elicitations;
    expect(elicitation).toMatchObject({ mode: 'url' });
    expect(elicitation?.elicitationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(elicitation?.url?.startsWith(`${hub.url}/connect/google-calendar?flow=`)).toBe(true);
    const page = await new TestBrowser().open(elicitation?.url as string);
    expect(page.html).toContain('alice@example.com');
    expect(google.requests).toHaveLength(0);

    expect(await approveInBrowser(elicitation?.url as string)).toBe(200);

    const result = await listCalendars(client);
    expect(result.isError).toBeFalsy();
    expect((result.structuredContent as { items: unknown[] }).items.length).toBeGreaterThan(0);
    expect(google.requests.at(-1)?.headers.authorization).toBe(`Bearer ${google.token}`);
  });

  it('asks a 2026-07-28 client within the call (input_required), and the call completes once the user is done', async () => {
    const dana = await hub.issueToken('dana@example.com');
    const client = await hub.connectModern({ token: dana.token, capabilities: { elicitation: { url: {} } } });
    const asked: Array<Record<string, unknown>> = [];
    client.setRequestHandler('elicitation/create', async (request) => {
      asked.push(request.params as Record<string, unknown>);
      // What the user does when the client opens the link.
      expect(await approveInBrowser((request.params as { url: string }).url)).toBe(200);
      return { action: 'accept' };
    });
    const result = await client.callTool({
      name: 'call',
      arguments: { module: 'google-calendar', tool: 'list_calendars', params: {} },
    });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ mode: 'url' });
    expect(String(asked[0]?.url).startsWith(`${hub.url}/connect/google-calendar?flow=`)).toBe(true);
    expect(result.isError).toBeFalsy();
    expect((result.structuredContent as { items: unknown[] }).items.length).toBeGreaterThan(0);
  });

  it('gives any other client the link in the tool result', async () => {
    const carol = await hub.issueToken('carol@example.com');
    const client = await connect(carol.token, false);
    const result = (await listCalendars(client)) as unknown as {
      isError?: boolean;
      content: Array<{ text: string }>;
      structuredContent: { error: { code: number; data: { connect_url: string } } };
    };
    expect(result.isError).toBe(true);
    expect(result.structuredContent.error.code).toBe(ErrorCodes.UNAUTHORIZED);
    const url = result.structuredContent.error.data.connect_url;
    expect(url.startsWith(`${hub.url}/connect/google-calendar?flow=`)).toBe(true);
    expect(result.content[0]?.text).toContain(url);
    // The link is bound to carol: following it connects her account, and her next call works.
    expect(await approveInBrowser(url)).toBe(200);
    expect((await listCalendars(client)).isError).toBeFalsy();
  });
});
