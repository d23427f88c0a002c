import { createClient, FunctionsHttpError } from '@supabase/supabase-js';
import type { Principal } from '../auth/principal.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { McpistError } from '../errors/mcpist-error.js';
import type { BrokerErrorBody, ExchangeRequest, ExchangeResponse } from '../neutral/broker-protocol.js';
import type { StoreChanges } from '../store/store-changes.js';
import type { CredentialSource, ResolvedCredential } from './credential-source.js';

/** An access token is handed out from the cache until this long before it lapses. */
export const CACHE_SKEW_MS = 60_000;
/** A credential without expiry (a type-A token) or "not connected" is asked again after this long at the latest. */
export const CACHE_UNDATED_MS = 5 * 60_000;

/** The part of a Supabase client the adapter uses: `functions.invoke`. */
export interface FunctionsInvoker {
  functions: {
    invoke<T>(
      name: string,
      options: { body: unknown; method: 'POST' },
    ): Promise<{ data: T; error: null } | { data: null; error: unknown }>;
  };
}

/** A Supabase client for the Edge Functions at `url`, authenticated with the token broker key. */
export function brokerClient(url: string, key: string): FunctionsInvoker {
  // supabase-js sends the key as `Authorization: Bearer <key>`; the functions compare it with TOKEN_BROKER_KEY.
  // No session is kept and none is refreshed: the server is no Supabase Auth user.
  return createClient(url, key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  }) as unknown as FunctionsInvoker;
}

interface Cached {
  value: ResolvedCredential | undefined;
  until: number;
}

/**
 * Supabase mode's credential source (ADR 0042): asks the `token-exchanger`
 * Edge Function, which holds the key ring and the refresh tokens, for an
 * access token. The server never sees a refresh token, a client secret or the
 * service-role key. Each answer is kept until shortly before the token lapses
 * (DESIGN §12: no round trip on the steady path) or until a credential, role
 * or user changes on any instance; concurrent asks for one user and service
 * share one request.
 */
export class SupabaseCredentialSource implements CredentialSource {
  private readonly cache = new Map<string, Cached>();
  private readonly inFlight = new Map<string, Promise<ResolvedCredential | undefined>>();
  private readonly serviceOf = new WeakMap<ResolvedCredential, string>();
  private generation = 0;

  constructor(
    private readonly client: FunctionsInvoker,
    private readonly changes: Pick<StoreChanges, 'on' | 'live'> | undefined,
    private readonly now: () => number = Date.now,
  ) {
    changes?.on(['credentials', 'permission_epoch', 'users'], () => this.clear());
  }

  /** Answers may be kept only while every change is heard (as every cache of the server, ADR 0028). */
  private get caching(): boolean {
    return this.changes?.live ?? true;
  }

  /** Forgets every cached answer. */
  clear(): void {
    this.generation++;
    this.cache.clear();
    this.inFlight.clear();
  }

  credentialFor(principal: Principal, service: string): Promise<ResolvedCredential | undefined> {
    const key = `${principal.userId}\n${service}`;
    const cached = this.cache.get(key);
    if (cached && cached.until > this.now() && this.caching) return Promise.resolve(cached.value);
    const running = this.inFlight.get(key);
    if (running) return running;
    const generation = this.generation;
    const work = this.exchange({ user_id: principal.userId, email: principal.email, service }).finally(() => {
      if (this.inFlight.get(key) === work) this.inFlight.delete(key);
    });
    this.inFlight.set(key, work);
    return work.then((value) => {
      // An answer asked for before a change is not kept past it.
      if (generation === this.generation && this.caching) this.cache.set(key, { value, until: this.keepUntil(value) });
      return value;
    });
  }

  async refreshAfterRejection(principal: Principal, rejected: ResolvedCredential) {
    const service = this.serviceOf.get(rejected);
    if (rejected.credential.kind !== 'oauth2' || service === undefined) return undefined;
    const key = `${principal.userId}\n${service}`;
    if (this.cache.get(key)?.value === rejected) this.cache.delete(key);
    const value = await this.exchange({
      user_id: principal.userId,
      email: principal.email,
      service,
      rejected_token: rejected.credential.token,
    });
    if (value && this.caching) this.cache.set(key, { value, until: this.keepUntil(value) });
    return value;
  }

  private keepUntil(value: ResolvedCredential | undefined): number {
    const now = this.now();
    const expires = value?.expiresAt?.getTime();
    return expires === undefined ? now + CACHE_UNDATED_MS : Math.min(expires - CACHE_SKEW_MS, now + CACHE_UNDATED_MS);
  }

  private async exchange(request: ExchangeRequest): Promise<ResolvedCredential | undefined> {
    const answer = await invokeEdgeFunction<ExchangeResponse>(this.client, 'token-exchanger', request);
    if (!answer.connected) return undefined;
    const resolved: ResolvedCredential = {
      accountId: answer.account_id,
      scope: answer.scope,
      expiresAt: answer.expires_at ? new Date(answer.expires_at) : null,
      credential: answer.credential,
    };
    this.serviceOf.set(resolved, request.service);
    return resolved;
  }
}

/**
 * Calls an Edge Function through supabase-js; its refusals come back as the
 * MCPist errors the function answered with, anything else as INTERNAL_ERROR.
 */
export async function invokeEdgeFunction<T>(client: FunctionsInvoker, name: string, body: unknown): Promise<T> {
  let result: Awaited<ReturnType<FunctionsInvoker['functions']['invoke']>>;
  try {
    result = await client.functions.invoke<T>(name, { body, method: 'POST' });
  } catch (error) {
    throw unreachable(name, error);
  }
  if (result.error === null) return result.data as T;
  if (result.error instanceof FunctionsHttpError) {
    const response = result.error.context as Response;
    const refusal = (await response.json().catch(() => undefined)) as BrokerErrorBody | undefined;
    if (refusal?.error && typeof refusal.error.code === 'number' && typeof refusal.error.message === 'string') {
      throw new McpistError(
        refusal.error.code,
        refusal.error.message,
        refusal.error.data ? { data: refusal.error.data } : {},
      );
    }
    throw new McpistError(ErrorCodes.INTERNAL_ERROR, `the ${name} Edge Function answered HTTP ${response.status}`, {
      data: { function: name, status: response.status },
    });
  }
  throw unreachable(name, result.error);
}

function unreachable(name: string, error: unknown): McpistError {
  return new McpistError(
    ErrorCodes.INTERNAL_ERROR,
    `the ${name} Edge Function could not be reached (${(error as Error)?.message ?? 'unknown error'}); try again in a minute`,
    { data: { function: name }, cause: error },
  );
}
