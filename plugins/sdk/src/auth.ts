/**
 * How a plugin's service authenticates. The core's Token Broker reads these
 * declarations; plugins never run an OAuth flow or store a secret themselves.
 */

/** One field a user fills in to connect with a long-lived token (type A). */
export interface TokenField {
  /** Key under which the value reaches the handler (`credential.fields[name]`), or `token` for the secret. */
  name: string;
  /** Label shown in the admin UI and CLI. */
  label: string;
  /** True for secrets: stored encrypted and never shown again. */
  secret?: boolean;
  /**
   * The field names a host or URL the plugin sends requests to with the
   * credential (Atlassian's site). The core checks it when it is stored
   * (https, not a private or loopback address, under one of `hostSuffixes`
   * unless the operator allows the host) and again on every connection.
   */
  endpoint?: {
    /** The host must end with one of these, e.g. `['.atlassian.net']`. */
    hostSuffixes?: readonly string[];
  };
}

/** Type A: a long-lived token (personal access token, integration token, API key). */
export interface TokenAuthDeclaration {
  /** Fields beyond the token itself, e.g. Atlassian's email and site. */
  fields?: readonly TokenField[];
  /** Where a user creates such a token; shown with "connect" errors. */
  helpUrl?: string;
}

/** Type B: OAuth 2.0 authorization code flow with refresh. */
export interface OAuth2Declaration {
  authorizeUrl: string;
  tokenUrl: string;
  scopes: readonly string[];
  /** The provider supports PKCE with S256. */
  pkce?: boolean;
  /** How the client authenticates at the token endpoint. Default `body`. */
  clientAuth?: 'body' | 'basic';
  /** Extra query parameters for the authorize URL, e.g. Google's `access_type=offline`. */
  authorizeParams?: Readonly<Record<string, string>>;
  /** Separator between scopes in the authorize URL. Default a space. */
  scopeSeparator?: string;
  /**
   * After the code exchange, the core GETs `url` with the new access token
   * (e.g. Atlassian's accessible-resources) and keeps fields of the first
   * resource in the answer's array as credential fields: `{ cloudId: 'id',
   * site: 'url' }` stores `resource.id` as `fields.cloudId`.
   */
  resourceLookup?: { url: string; fields: Readonly<Record<string, string>> };
}

/** What a plugin declares about authentication. Omit it for services that need none. */
export interface AuthDeclaration {
  /** Credential key; defaults to the plugin name. Plugins of one vendor can share one (e.g. `atlassian`). */
  service?: string;
  token?: TokenAuthDeclaration;
  oauth2?: OAuth2Declaration;
}

/** The credential a handler receives, already decrypted and, for OAuth, fresh. */
export interface Credential {
  /** How it was obtained. */
  readonly kind: 'token' | 'oauth2';
  /** The secret to present upstream: the API token or the OAuth access token. */
  readonly token: string;
  /** Non-secret companion fields (email, site, cloud id). */
  readonly fields: Readonly<Record<string, string>>;
  /** Granted OAuth scopes, when known. */
  readonly scopes?: readonly string[];
}

/** Upstream request limits a plugin declares; the core enforces them per credential. */
export interface RateLimitDeclaration {
  /** Sustained requests per second. */
  requestsPerSecond?: number;
  /** Requests per hour (e.g. GitHub's 5,000). */
  requestsPerHour?: number;
  /** Requests in flight at once. */
  maxConcurrent?: number;
}
