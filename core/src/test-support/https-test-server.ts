import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface HttpsTestServer {
  /** `https://<hostname>:<port>` */
  origin: string;
  port: number;
  /** The self-signed certificate, for the client to trust. */
  ca: string;
  close(): Promise<void>;
}

/**
 * An https server on 127.0.0.1:0 with a fresh self-signed certificate for
 * `hostname` (made with the system's openssl), standing in for a public
 * site such as an MCP client's metadata document host.
 */
export async function startHttpsTestServer(
  hostname: string,
  handler: (req: IncomingMessage, res: ServerResponse, origin: string) => void,
): Promise<HttpsTestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'mcpist-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        `/CN=${hostname}`,
        '-addext',
        `subjectAltName=DNS:${hostname}`,
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const key = readFileSync(join(dir, 'key.pem'), 'utf8');
    const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    let origin = '';
    const server: Server = createServer({ key, cert }, (req, res) => handler(req, res, origin));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    origin = `https://${hostname}:${port}`;
    return {
      origin,
      port,
      ca: cert,
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
