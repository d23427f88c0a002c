import type { ClientCapabilities } from '@modelcontextprotocol/server';

/** What MCPist remembers of a client's capabilities across stateless requests. */
export interface ClientHints {
  /** The client declared URL-mode elicitation (MCP 2025-11-25). */
  urlElicitation: boolean;
}

const PREFIX = 'mcpist-h1.';

export function hintsFromCapabilities(capabilities: ClientCapabilities | undefined): ClientHints {
  const elicitation = capabilities?.elicitation as Record<string, unknown> | undefined;
  return { urlElicitation: elicitation !== undefined && typeof elicitation.url === 'object' };
}

const payloadOf = (hints: ClientHints) =>
  Buffer.from(JSON.stringify({ u: hints.urlElicitation ? 1 : 0 })).toString('base64url');

/** The payloads `sessionIdFor` writes: a session id from MCPist is read without decoding it on every request. */
const KNOWN_PAYLOADS: ReadonlyMap<string, ClientHints> = new Map(
  [{ urlElicitation: false }, { urlElicitation: true }].map((hints) => [payloadOf(hints), hints] as const),
);

/**
 * Streamable HTTP here is stateless: no instance remembers a client. The
 * session id handed out at `initialize` therefore carries the few hints later
 * requests need, readable by any instance. They grant nothing: a client that
 * forges one only changes how its own calls report a missing connection.
 */
export function sessionIdFor(hints: ClientHints): string {
  return `${PREFIX}${payloadOf(hints)}.${crypto.randomUUID()}`;
}

/** The hints in a session id from `sessionIdFor`; none for anything else. */
export function hintsFromSessionId(sessionId: string | undefined): ClientHints | undefined {
  if (!sessionId?.startsWith(PREFIX)) return undefined;
  const end = sessionId.indexOf('.', PREFIX.length);
  const payload = sessionId.slice(PREFIX.length, end === -1 ? undefined : end);
  const known = KNOWN_PAYLOADS.get(payload);
  if (known) return { ...known };
  try {
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { u?: unknown };
    return { urlElicitation: decoded.u === 1 };
  } catch {
    return undefined;
  }
}
