import { loopbackAliases } from '../http/public-url.js';

/** What an MCP client may be granted on MCPist's MCP endpoint. */
export const MCP_SCOPES = {
  /** Every tool the user may use. */
  full: 'mcp:full',
  /** Only the user's tools marked readOnly; the others answer like unknown tools. */
  read: 'mcp:read',
} as const;

export type GrantScope = 'full' | 'read';

/** The access a token's scopes give; undefined when they give none on MCPist. */
export function grantScopeOf(scopes: Iterable<string>): GrantScope | undefined {
  const set = new Set(scopes);
  if (set.has(MCP_SCOPES.full)) return 'full';
  if (set.has(MCP_SCOPES.read)) return 'read';
  return undefined;
}

/**
 * The scope an authorization request asks for, as MCPist reads it: a client
 * that names neither MCP scope asks for full access (what an API token
 * gives); full access always brings the read scope along, so a user who
 * narrows the grant to read-only on the consent page still gets a token that
 * means something.
 */
export function withDefaultScope(requested: string | undefined): string {
  const scopes = new Set((requested ?? '').split(' ').filter(Boolean));
  if (grantScopeOf(scopes) === undefined) scopes.add(MCP_SCOPES.full);
  if (scopes.has(MCP_SCOPES.full)) scopes.add(MCP_SCOPES.read);
  return [...scopes].join(' ');
}

/**
 * The resource an authorization request names (RFC 8707), when it is the MCP
 * endpoint under one of its loopback spellings (public-url.ts); else the
 * endpoint itself (the request is refused elsewhere if it named another).
 */
export function requestedResource(asked: unknown, resource: string): string {
  const spellings = loopbackAliases(resource);
  return (
    [asked].flat().find((value): value is string => typeof value === 'string' && spellings.includes(value)) ?? resource
  );
}
