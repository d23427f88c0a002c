import type { ErrorCode } from '../errors/error-codes.js';
import type { ModuleSchema } from './allowed-tools.js';
import type { PublishedToolEntry } from './published-catalog.js';

/**
 * What the MCP server and the Supabase Edge Functions say to each other
 * (ADR 0042). The server authenticates with `Authorization: Bearer
 * <TOKEN_BROKER_KEY>` and names the user; a user authenticates with their
 * Supabase JWT and may name only themself.
 */

/** `token-exchanger`'s request: the user's credential for a service, refreshed when it is about to lapse. */
export interface ExchangeRequest {
  user_id: string;
  /** For the reconnect hint of a refusal. */
  email?: string;
  service: string;
  /** The access token an upstream just rejected (HTTP 401): refresh it unless that happened meanwhile. */
  rejected_token?: string;
}

/** `token-exchanger`'s answer: a decrypted credential for one call, or none connected. */
export type ExchangeResponse =
  | { connected: false }
  | {
      connected: true;
      account_id: string;
      scope: 'personal' | 'shared';
      credential: { kind: 'token' | 'oauth2'; token: string; fields: Record<string, string>; scopes?: string[] };
      /** ISO time the access token lapses; null for a token without expiry. */
      expires_at: string | null;
    };

/** `tool-sieve`'s request: the user whose tools to list (the server), or nothing (a user's JWT names them). */
export interface SieveRequest {
  user_id?: string;
}

/** `tool-sieve`'s answer: the user's modules and tools, as `get_module_schema` describes them. */
export interface SieveResponse {
  user_id: string;
  modules: ModuleSchema<PublishedToolEntry>[];
}

/** A refusal or failure, in MCPist's error catalogue (DESIGN §7); never a secret. */
export interface BrokerErrorBody {
  error: { code: ErrorCode; message: string; data?: Record<string, unknown> };
}
