import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { CallToolResultSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '../errors/error-codes.js';
import { REPO_ROOT } from '../test-support/test-hub.js';

const CLI = join(REPO_ROOT, 'core/dist/cli/main.js');
const ENV = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', MCPIST_LOG_LEVEL: 'warn' };

/**
 * A client transport over a child we spawned ourselves, so the test keeps the
 * child's exit code (the SDK's StdioClientTransport does not expose it).
 */
function childTransport(child: ChildProcess): Transport {
  const buffer = new ReadBuffer();
  const transport: Transport = {
    async start() {
      child.stdout?.on('data', (chunk: Buffer) => {
        buffer.append(chunk);
        for (let message = buffer.readMessage(); message; message = buffer.readMessage()) {
          transport.onmessage?.(message);
        }
      });
    },
    async send(message: JSONRPCMessage) {
      child.stdin?.write(serializeMessage(message));
    },
    async close() {
      child.stdin?.end();
    },
  };
  return transport;
}

describe('mcpist stdio shutdown', () => {
  it('refuses a malformed call, then exits 0 when the client disconnects, with no stack trace on stderr', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mcpist-stdio-exit-'));
    execFileSync(process.execPath, [CLI, '--data-dir', dataDir, 'token', 'create', '--user', 'dana@example.com'], {
      cwd: REPO_ROOT,
      env: ENV,
      stdio: 'pipe',
    });
    const child = spawn(process.execPath, [CLI, '--data-dir', dataDir, 'stdio', '--user', 'dana@example.com'], {
      cwd: REPO_ROOT,
      env: ENV,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    const client = new Client({ name: 'stdio-exit-test', version: '1.0.0' });
    await client.connect(childTransport(child));
    const { tools } = await client.listTools();
    expect(tools.length).toBeGreaterThan(0);
    // A malformed call is refused naming the field, as over HTTP, and leaves the connection usable.
    const refused = await client
      .request({ method: 'tools/call', params: { name: 42 } } as never, CallToolResultSchema)
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(refused).toMatchObject({ code: -32602, data: { code: ErrorCodes.INVALID_PARAMS, field: 'params.name' } });
    expect((await client.listTools()).tools.length).toBe(tools.length);
    await client.close();

    expect(await exited).toBe(0);
    expect(stderr).not.toMatch(/RangeError|Maximum call stack/);
    expect(stderr).not.toMatch(/^\s+at /m);
  }, 120_000);
});
