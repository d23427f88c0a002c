import { classifyInboundRequest, isJSONRPCRequest, PROTOCOL_VERSION_META_KEY } from '@modelcontextprotocol/server';

/** What the SDK's classifier reads of a `POST /mcp`. */
export interface InboundPost {
  protocolVersionHeader: string | undefined;
  mcpMethodHeader: string | undefined;
  mcpNameHeader: string | undefined;
  body: unknown;
}

/** The first revision the SDK's classifier calls modern (its `isModernProtocolVersion`: this one and later). */
const FIRST_MODERN_REVISION = '2026-07-28';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A single 2025-era request with nothing to weigh: not `initialize`, no
 * `_meta` envelope claim, no header naming a 2026 revision, and no `result`
 * or `error` member, so it cannot be a posted response. The SDK's classifier
 * calls exactly these legacy (`no-claim`) — reaching that answer only after
 * two failing response guards, zod parses that build issue lists, on every
 * request.
 */
function isPlainLegacyRequest(post: InboundPost): boolean {
  const { body } = post;
  if (!isPlainObject(body) || 'result' in body || 'error' in body || body.method === 'initialize') return false;
  const meta = isPlainObject(body.params) ? body.params._meta : undefined;
  if (isPlainObject(meta) && PROTOCOL_VERSION_META_KEY in meta) return false;
  const version = post.protocolVersionHeader?.trim();
  if (version !== undefined && version >= FIRST_MODERN_REVISION) return false;
  return isJSONRPCRequest(body);
}

/**
 * Whether a `POST /mcp` is 2025-era traffic, as the SDK's own
 * `classifyInboundRequest` decides; anything else (2026-07-28, or a request
 * the modern path refuses) goes to the SDK's handler.
 */
export function isLegacyPost(post: InboundPost): boolean {
  if (isPlainLegacyRequest(post)) return true;
  return classifyInboundRequest({ httpMethod: 'POST', ...post }).kind === 'legacy';
}
