import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  type ClientCapabilities,
  Client as ModernClient,
  StreamableHTTPClientTransport as ModernHttpTransport,
} from '@modelcontextprotocol/client';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { inject } from 'vitest';
import type { McpistConfigInput } from '../config/config-schema.js';
import { loadConfig } from '../config/load-config.js';
import type { ComposeOptions } from '../container/compose.js';
import { type McpistServer, startServer } from '../container/mcpist-server.js';
import { Tokens } from '../container/tokens.js';

/** The repository root: plugin discovery starts from its node_modules. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface TestHub {
  server: McpistServer;
  url: string;
  /** An API token of `alice@example.com`, the first (admin) user. */
  token: string;
  userId: string;
  /** Connects an official MCP SDK client over Streamable HTTP. */
  connect(options?: { token?: string; mode?: 'meta' | 'direct' }): Promise<Client>;
  /**
   * Connects an SDK v2 client speaking MCP 2026-07-28 (stateless: version and
   * capabilities in every request's `_meta`); `connect` is a 2025-era client.
   */
  connectModern(options?: {
    token?: string;
    mode?: 'meta' | 'direct';
    capabilities?: ClientCapabilities;
  }): Promise<ModernClient>;
  /**
   * Stores a type-A credential for the user (alice unless `userId`) through
   * the real broker, with non-secret `fields` such as Atlassian's email and site.
   */
  setCredential(
    service: string,
    secret: string,
    options?: { userId?: string; fields?: Record<string, string> },
  ): Promise<void>;
  /**
   * Gives a user an extra role enabling `modules` with exactly `masks`
   * masked (none by default, so dangerous tools are allowed); returns its id.
   */
  grant(userId: string, permissions: { modules: string[]; masks?: Record<string, string[]> }): Promise<string>;
  /** Waits until the security events reported so far are in audit_logs. */
  flushAudit(): Promise<void>;
  /** Issues a token for another user. */
  issueToken(email: string): Promise<{ token: string; userId: string }>;
  close(): Promise<void>;
}

/**
 * Starts a real MCPist server on 127.0.0.1:0 with an in-memory store,
 * discovering plugins from the repository's node_modules.
 */
export async function startTestHub(
  config: McpistConfigInput = {},
  compose: Pick<ComposeOptions, 'resolveHost' | 'outboundCa'> = {},
): Promise<TestHub> {
  const started = { wall: performance.now(), cpu: process.cpuUsage() };
  const server = await startServer(
    loadConfig({
      env: {},
      cwd: REPO_ROOT,
      overrides: { port: 0, dataDir: 'memory://', logLevel: 'error', ...config },
    }),
    { cwd: REPO_ROOT, ...compose },
  );
  const issuer = server.container.resolve(Tokens.ApiTokenIssuer);
  const { token, userId } = await issuer.issue('alice@example.com');
  const cpu = process.cpuUsage(started.cpu);
  recordHubStart(performance.now() - started.wall, (cpu.user + cpu.system) / 1000);
  const clients: Array<Client | ModernClient> = [];
  const mcpUrl = (mode: 'meta' | 'direct' | undefined) => {
    const url = new URL('/mcp', server.url);
    if (mode) url.searchParams.set('mode', mode);
    return url;
  };
  let granted = 0;
  return {
    server,
    url: server.url,
    token,
    userId,
    async connect(options = {}) {
      const transport = new StreamableHTTPClientTransport(mcpUrl(options.mode), {
        requestInit: { headers: { Authorization: `Bearer ${options.token ?? token}` } },
      });
      const client = new Client({ name: 'mcpist-test', version: '1.0.0' });
      await client.connect(transport);
      clients.push(client);
      return client;
    },
    async connectModern(options = {}) {
      const transport = new ModernHttpTransport(mcpUrl(options.mode), {
        requestInit: { headers: { Authorization: `Bearer ${options.token ?? token}` } },
      });
      const client = new ModernClient(
        { name: 'mcpist-test-2026', version: '1.0.0' },
        { versionNegotiation: { mode: { pin: '2026-07-28' } }, capabilities: options.capabilities ?? {} },
      );
      await client.connect(transport);
      clients.push(client);
      return client;
    },
    setCredential: (service, secret, options = {}) =>
      server.container
        .resolve(Tokens.TokenBroker)
        .setPersonalToken(options.userId ?? userId, service, secret, options.fields ?? {}),
    async grant(grantee, { modules, masks = {} }) {
      const roles = server.container.resolve(Tokens.RolesRepository);
      const role = await roles.create({
        name: `grant-${++granted}-${Math.random().toString(36).slice(2, 8)}`,
        enabledModules: modules,
        toolMasks: masks,
      });
      if (!role) throw new Error('grant: role could not be created');
      await roles.assign(grantee, role.id);
      return role.id;
    },
    flushAudit: () => server.container.resolve(Tokens.ToolSieve).flush(),
    issueToken: (email) => issuer.issue(email),
    async close() {
      await Promise.all(clients.map((client) => client.close().catch(() => {})));
      await server.close();
    },
  };
}

/**
 * Appends a start time for the summary reporter's medians (see global-setup.ts):
 * wall time, and this process's CPU time, which a busy machine does not inflate.
 */
function recordHubStart(wallMs: number, cpuMs: number): void {
  const file = inject('hubStartsFile');
  if (file) appendFileSync(file, `${Math.round(wallMs)} ${Math.round(cpuMs)}\n`);
}

/** The text of the first content block of a tool result. */
export function textOf(result: unknown): string {
  const content = (result as { content?: Array<{ type: string; text?: string }> }).content ?? [];
  return content[0]?.text ?? '';
}
