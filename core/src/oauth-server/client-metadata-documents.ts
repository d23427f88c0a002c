import type { AdapterPayload } from 'oidc-provider';
import { type Agent, fetch } from 'undici';
import type { Logger } from 'winston';

export interface ClientMetadataDocumentSettings {
  /** Largest document accepted, in bytes (the draft suggests 5 KB). */
  maxBytes: number;
  /** How long one fetch may take. */
  timeoutMs: number;
  /** Cache lifetime when the document's Cache-Control says nothing; clamped to [minCacheMs, maxCacheMs]. */
  defaultCacheMs: number;
  minCacheMs: number;
  maxCacheMs: number;
}

export const DEFAULT_DOCUMENT_SETTINGS: ClientMetadataDocumentSettings = {
  maxBytes: 5 * 1024,
  timeoutMs: 5_000,
  defaultCacheMs: 60 * 60_000,
  minCacheMs: 60_000,
  maxCacheMs: 24 * 60 * 60_000,
};

/** Client authentication methods that need a secret: a metadata document cannot carry one. */
const SECRET_METHODS = new Set(['client_secret_basic', 'client_secret_post', 'client_secret_jwt']);
const MAX_CACHED = 500;

/** Why a URL cannot name a client metadata document; undefined when it can. */
export function documentUrlProblem(clientId: string): string | undefined {
  let url: URL;
  try {
    url = new URL(clientId);
  } catch {
    return 'not a URL';
  }
  if (url.protocol !== 'https:') return 'must be an https URL';
  if (url.username || url.password) return 'must not carry credentials';
  if (url.hash) return 'must not have a fragment';
  if (url.pathname === '/' || url.pathname === '') return 'must have a path';
  if (/\/\.{1,2}(\/|$)/.test(clientId)) return 'must not contain dot segments';
  return undefined;
}

interface Cached {
  metadata: AdapterPayload | undefined;
  until: number;
}

function cacheLifetime(cacheControl: string | null, settings: ClientMetadataDocumentSettings): number {
  if (cacheControl && /no-store|no-cache/i.test(cacheControl)) return settings.minCacheMs;
  const maxAge = cacheControl ? /max-age=(\d+)/i.exec(cacheControl)?.[1] : undefined;
  const wanted = maxAge === undefined ? settings.defaultCacheMs : Number(maxAge) * 1000;
  return Math.min(settings.maxCacheMs, Math.max(settings.minCacheMs, wanted));
}

/** The client, as oidc-provider reads it, from a document; a reason when the document is not acceptable. */
export function clientFromDocument(clientId: string, document: unknown): AdapterPayload | string {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return 'not a JSON object';
  const doc = document as Record<string, unknown>;
  if (doc.client_id !== clientId) return 'its client_id is not the URL it was fetched from';
  if ('client_secret' in doc || 'client_secret_expires_at' in doc) return 'it carries a client secret';
  const method = doc.token_endpoint_auth_method ?? 'none';
  if (method !== 'none') {
    return SECRET_METHODS.has(String(method))
      ? `token_endpoint_auth_method ${String(method)} needs a shared secret`
      : `token_endpoint_auth_method ${String(method)} is not supported`;
  }
  const redirects = doc.redirect_uris;
  if (!Array.isArray(redirects) || redirects.length === 0 || !redirects.every((uri) => typeof uri === 'string')) {
    return 'redirect_uris must be a non-empty list of URLs';
  }
  const grants = Array.isArray(doc.grant_types) ? doc.grant_types.map(String) : ['authorization_code'];
  const text = (key: string) => (typeof doc[key] === 'string' ? { [key]: doc[key] as string } : {});
  return {
    client_id: clientId,
    ...text('client_name'),
    ...text('client_uri'),
    ...text('logo_uri'),
    redirect_uris: redirects as string[],
    grant_types: grants.filter((grant) => grant === 'authorization_code' || grant === 'refresh_token'),
    response_types: ['code'],
    token_endpoint_auth_method: 'none',
    application_type: doc.application_type === 'native' ? 'native' : 'web',
  };
}

/**
 * Client ID Metadata Documents (the MCP authorization spec's default way for
 * a client to say who it is): a client id that is an https URL names a JSON
 * document describing the client. Fetched through the outbound-request
 * policy (public addresses only unless the operator allows the host), bounded
 * in size and time, and cached, refusals included.
 */
export class ClientMetadataDocuments {
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly agent: Agent,
    private readonly logger: Logger,
    private readonly settings: ClientMetadataDocumentSettings = DEFAULT_DOCUMENT_SETTINGS,
    private readonly now: () => number = Date.now,
  ) {}

  isDocumentUrl(clientId: string): boolean {
    return clientId.startsWith('https://') || clientId.startsWith('http://');
  }

  /** The client a document describes; undefined (an unknown client) when it cannot be fetched or is not acceptable. */
  async resolve(clientId: string): Promise<AdapterPayload | undefined> {
    const cached = this.cache.get(clientId);
    if (cached && cached.until > this.now()) return cached.metadata;
    const { metadata, lifetime } = await this.fetchDocument(clientId);
    if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(clientId, { metadata, until: this.now() + lifetime });
    return metadata;
  }

  private refuse(clientId: string, reason: string): { metadata: undefined; lifetime: number } {
    this.logger.warn('oauth: client metadata document refused', {
      event: 'client_metadata_refused',
      client_id: clientId,
      reason,
    });
    return { metadata: undefined, lifetime: this.settings.minCacheMs };
  }

  private async fetchDocument(clientId: string): Promise<{ metadata: AdapterPayload | undefined; lifetime: number }> {
    const problem = documentUrlProblem(clientId);
    if (problem) return this.refuse(clientId, `client_id ${problem}`);
    let response: Awaited<ReturnType<typeof fetch>>;
    try {
      response = await fetch(clientId, {
        dispatcher: this.agent,
        redirect: 'error',
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
      return this.refuse(clientId, `could not fetch it: ${cause}`);
    }
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => {});
      return this.refuse(clientId, `answered HTTP ${response.status}`);
    }
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > this.settings.maxBytes) {
      await response.body?.cancel().catch(() => {});
      return this.refuse(clientId, `larger than ${this.settings.maxBytes} bytes`);
    }
    const body = await this.readLimited(response);
    if (body === undefined) return this.refuse(clientId, `larger than ${this.settings.maxBytes} bytes`);
    let document: unknown;
    try {
      document = JSON.parse(body);
    } catch {
      return this.refuse(clientId, 'not JSON');
    }
    const client = clientFromDocument(clientId, document);
    if (typeof client === 'string') return this.refuse(clientId, client);
    return { metadata: client, lifetime: cacheLifetime(response.headers.get('cache-control'), this.settings) };
  }

  private async readLimited(response: Awaited<ReturnType<typeof fetch>>): Promise<string | undefined> {
    if (!response.body) return '';
    const chunks: Uint8Array[] = [];
    let total = 0;
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      total += chunk.byteLength;
      if (total > this.settings.maxBytes) return undefined;
      chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
  }
}
