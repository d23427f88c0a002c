import { NodeStreamableHTTPServerTransport } from '@modelcontextprotocol/node';
import type { AuthInfo, Server } from '@modelcontextprotocol/server';
import type { Request, Response } from 'express';

/**
 * Serves one 2025-era POST as the SDK's stateless fallback does — a fresh
 * server on a fresh transport, both closed with the exchange, the answer an
 * SSE stream so a call's progress and log notifications reach the client
 * before its result — but on the SDK's Node transport, which writes to the
 * socket as it goes. The fallback builds a web Request from the parsed body
 * and pipes a web stream, wrapped once more, back to Node: half of a call's
 * CPU on this path (ADR 0055).
 */
export async function serveLegacyExchange(
  server: Server,
  req: Request & { auth?: AuthInfo },
  res: Response,
  body: unknown,
): Promise<void> {
  const transport = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on('close', () => {
    // A finished exchange answered every request in it: nothing is left to abort, and closing would only build
    // the SDK's ConnectionClosed error, a stack trace per request. A client that hung up early aborts its calls.
    if (res.writableFinished) return;
    transport.close().catch(() => {});
    server.close().catch(() => {});
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, body);
}
