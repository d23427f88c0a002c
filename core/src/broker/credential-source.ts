import type { Credential } from '@mcpist/plugin-sdk';
import type { Principal } from '../auth/principal.js';

/** A credential plus a stable, non-secret key to rate limit and log it by. */
export interface ResolvedCredential {
  credential: Credential;
  /** Identifies the stored credential (its row id); never the secret. */
  accountId: string;
  /** Personal (the user's own) or shared (a role's). */
  scope: 'personal' | 'shared';
  /** When the access token lapses (OAuth), so a remote source's cache knows how long it may keep it. */
  expiresAt?: Date | null;
}

/**
 * Where the runner gets a principal's credential for a service. Owned by the
 * runner; the store-backed broker and the Supabase adapter (which asks the
 * `token-exchanger` Edge Function) implement it.
 */
export interface CredentialSource {
  /** The principal's credential for `service`, fresh; undefined when none is connected. */
  credentialFor(principal: Principal, service: string): Promise<ResolvedCredential | undefined>;
  /**
   * The upstream rejected `rejected` (HTTP 401): a refreshed credential to try
   * once more, or undefined when refreshing cannot help (a type-A token).
   * `rejected` is the object `credentialFor` returned: the source tells a
   * stale token from one refreshed meanwhile by it.
   */
  refreshAfterRejection?(principal: Principal, rejected: ResolvedCredential): Promise<ResolvedCredential | undefined>;
}
