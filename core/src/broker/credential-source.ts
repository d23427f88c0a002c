import type { Credential } from '@mcpist/plugin-sdk';
import type { Principal } from '../auth/principal.js';

/** A credential plus a stable, non-secret key to rate limit and log it by. */
export interface ResolvedCredential {
  credential: Credential;
  /** Identifies the stored credential (its row id); never the secret. */
  accountId: string;
}

/**
 * Where the runner gets a principal's credential for a service. Owned by the
 * runner; the store-backed broker (and later the Supabase Edge Function
 * client) implement it.
 */
export interface CredentialSource {
  /** The principal's credential for `service`, or undefined when none is connected. */
  credentialFor(principal: Principal, service: string): Promise<ResolvedCredential | undefined>;
}
