import { SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/server';

/** The current MCP revision: stateless, version and capabilities in each request's `_meta`. */
export const CURRENT_PROTOCOL_VERSION = '2026-07-28';

/** Every revision `/mcp` and stdio answer, newest first; negotiated per request (2026) or at initialize (2025). */
export const SERVED_PROTOCOL_VERSIONS: readonly string[] = [CURRENT_PROTOCOL_VERSION, ...SUPPORTED_PROTOCOL_VERSIONS];
