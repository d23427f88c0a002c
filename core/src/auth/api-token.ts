import { hash, randomBytes } from 'node:crypto';

export const API_TOKEN_PREFIX = 'mcpist_';
const TOKEN_SHAPE = /^mcpist_[A-Za-z0-9_-]{43}$/;

/** A new API token: 256 random bits, recognisable by its `mcpist_` prefix. Shown once, never stored. */
export function generateApiToken(): string {
  return `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/**
 * The stored form of a token. A fast hash is enough: tokens carry 256 bits of
 * entropy, so there is nothing to brute-force (see docs/adr/0004).
 */
export function hashApiToken(token: string): string {
  // One-shot: every authenticated request hashes its token; no Hash object per request.
  return hash('sha256', token, 'hex');
}

export function looksLikeApiToken(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}

/** A display prefix that identifies a token without revealing it. */
export function tokenDisplayPrefix(token: string): string {
  return token.slice(0, API_TOKEN_PREFIX.length + 4);
}
