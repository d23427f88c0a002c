import { z } from 'zod';

/** `host:port` of `metricsListen`; IPv6 hosts in brackets (`[::1]:9464`). */
export const METRICS_LISTEN = /^(?:\[([0-9A-Fa-f:.]+)\]|([^\s:[\]/]+)):(\d{1,5})$/;

const pluginSettings = z.strictObject({
  /** Overrides the plugin's upstream base URL (GitHub Enterprise, a Jira site, a local fake). */
  baseUrl: z.url().optional(),
  /** Deadline for this plugin's calls in ms, overriding `runner.timeoutMs`. */
  timeoutMs: z.int().min(100).max(600_000).optional(),
  /** Upstream limits replacing the plugin's declared ones (e.g. a GitHub Enterprise server's own limits). */
  rateLimits: z
    .strictObject({
      requestsPerSecond: z.number().positive().max(10_000).optional(),
      requestsPerHour: z.int().positive().optional(),
      maxConcurrent: z.int().positive().max(1_000).optional(),
    })
    .optional(),
});

/** `https://admin.example.com` or `http://localhost:3000`: scheme, host and port only, as browsers send in `Origin`. */
const origin = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (
        (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value.replace(/\/$/, '').toLowerCase()
      );
    } catch {
      return false;
    }
  }, 'an origin such as https://admin.example.com (scheme, host and optional port; no path)')
  .transform((value) => new URL(value).origin);

/** Host names (optionally `*.` wildcards or `:port`), never URLs. */
const hostNames = z
  .array(
    z
      .string()
      .trim()
      .min(1)
      .regex(/^[^\s/?#@]+$/, 'a host name, not a URL'),
  )
  .default([]);

const jwtAlgorithm = z.enum(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'EdDSA']);

/** JWT sign-in: an external identity provider's JWKS, and MCPist's own short-lived session tokens. */
const jwtSettings = z
  .strictObject({
    /** JWKS of the identity provider (Supabase: https://<ref>.supabase.co/auth/v1/.well-known/jwks.json). */
    jwksUrl: z.url({ protocol: /^https?$/ }).optional(),
    /** Expected `iss` (Supabase: https://<ref>.supabase.co/auth/v1); required with jwksUrl. */
    issuer: z.string().min(1).optional(),
    /** Expected `aud` (Supabase: authenticated); required with jwksUrl. */
    audience: z.string().min(1).optional(),
    /** Accepted signature algorithms; `none` and HMAC (a shared secret) are never accepted. */
    algorithms: z.array(jwtAlgorithm).min(1).default(['RS256', 'ES256']),
    /** Leeway for `exp`/`nbf`/`iat` between clocks. */
    clockToleranceSeconds: z.int().min(0).max(300).default(30),
    /** Lifetime of the session JWTs MCPist issues itself (admin UI, `mcpist session create`). */
    sessionTtlSeconds: z.int().min(60).max(86_400).default(900),
    /** MCPist's own signing keys; defaults to <dataDir>/signing-keys.json. */
    signingKeyFile: z.string().min(1).optional(),
  })
  .superRefine((jwt, ctx) => {
    if (!jwt.jwksUrl) return;
    for (const key of ['issuer', 'audience'] as const) {
      if (!jwt[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'required when jwt.jwksUrl is set' });
    }
  });

/** Every setting MCPist reads. Unknown keys are errors, so typos never pass silently. */
const configObject = z.strictObject({
  port: z.int().min(0).max(65_535).default(8088),
  host: z.string().min(1).default('127.0.0.1'),
  /**
   * Public base URL of this server, used in metadata, connect links and OAuth
   * redirect URIs. Defaults to the listen address; never taken from a request.
   */
  publicUrl: z.url().optional(),
  /** Embedded store folder (PGlite). Ignored when databaseUrl is set. */
  dataDir: z.string().min(1).default('./.mcpist'),
  /** PostgreSQL connection string; when set, the embedded store is not used. */
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /**
   * Supabase mode (ADR 0042): the project URL whose Edge Functions resolve and refresh credentials
   * (`https://<ref>.supabase.co`). Set with tokenBrokerKey; unset, the server's own broker does it.
   */
  tokenBrokerUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** The shared secret the Edge Functions know the server by (their TOKEN_BROKER_KEY secret). */
  tokenBrokerKey: z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 32`)').optional(),
  logLevel: z.enum(['error', 'warn', 'info', 'debug']).default('info'),
  /** `auto`: readable lines on a terminal, JSON lines otherwise. */
  logFormat: z.enum(['auto', 'json', 'text']).default('auto'),
  /** `meta`: three meta-tools (default). `direct`: every allowed tool listed natively. */
  toolMode: z.enum(['meta', 'direct']).default('meta'),
  /** Items per page of `tools/list` in direct mode; clients follow `nextCursor` for the rest. */
  listPageSize: z.int().min(1).max(1000).default(100),
  /** Plugin packages to load by name, besides auto-discovered ones. */
  plugins: z.array(z.string().min(1)).default([]),
  /** Extra node_modules folders scanned for plugin packages. */
  pluginPaths: z.array(z.string().min(1)).default([]),
  /** Scan installed packages for `"mcpist": { "plugin": true }`. */
  autoDiscoverPlugins: z.boolean().default(true),
  /** `serve`: one full garbage collection when requests stop after a busy spell, so memory goes back down (ADR 0053). */
  idleGc: z.boolean().default(true),
  pluginSettings: z.record(z.string(), pluginSettings).default({}),
  runner: z
    .strictObject({
      timeoutMs: z.int().min(100).max(600_000).default(30_000),
      maxRecords: z.int().min(1).max(10_000).default(500),
    })
    .prefault({}),
  batch: z
    .strictObject({
      maxCommands: z.int().min(1).max(500).default(50),
      concurrency: z.int().min(1).max(64).default(8),
    })
    .prefault({}),
  /** MCP tasks (docs/adr/0048): calls a client asked to run detached, kept in the store. */
  tasks: z
    .strictObject({
      /**
       * How long a task's result stays readable after the task ended. A running
       * task expires this long after it last made progress (a task whose
       * instance stopped does not stay "working" forever); at least the
       * longest call timeout (10 minutes), so a running call never outlives it.
       */
      resultTtlMs: z
        .int()
        .min(600_000)
        .max(7 * 24 * 3_600_000)
        .default(3_600_000),
      /** The polling interval suggested to clients. */
      pollIntervalMs: z.int().min(100).max(60_000).default(1_000),
    })
    .prefault({}),
  http: z
    .strictObject({
      maxBodyBytes: z.int().min(1024).max(50_000_000).default(1_000_000),
      /**
       * Host names clients may use besides localhost and publicUrl's host
       * (DNS-rebinding protection refuses others with 403).
       */
      allowedHosts: hostNames,
      /**
       * Reverse proxies whose X-Forwarded-* headers are believed (express
       * `trust proxy` values: `loopback`, `10.0.0.0/8`, an address). None by default.
       */
      trustedProxies: z.array(z.string().trim().min(1)).default([]),
      /**
       * Origins of an admin UI hosted elsewhere (the Vercel layout) whose
       * pages may call /api with the session cookie: CORS with credentials
       * for exactly these, and the CSRF Origin check accepts them (ADR 0046).
       */
      allowedOrigins: z.array(origin).default([]),
      /**
       * SameSite of the session cookie: `none` (sent cross-site, always
       * Secure) only for a UI on another site calling this server directly;
       * it needs an https publicUrl.
       */
      sessionCookieSameSite: z.enum(['strict', 'none']).default('strict'),
    })
    .prefault({}),
  /** Authorization servers named in /.well-known/oauth-protected-resource (besides MCPist's own). */
  authorizationServers: z.array(z.url()).default([]),
  /** MCPist as the OAuth 2.1 authorization server of its MCP endpoint: MCP clients sign in by themselves (ADR 0041). */
  oauthServer: z
    .strictObject({
      /** Off: MCP clients need an API token (or a JWT from the identity provider). */
      enabled: z.boolean().default(true),
      /** RFC 7591 registration for clients without a Client ID Metadata Document. */
      dynamicRegistration: z.boolean().default(true),
      /** Lifetime of the access tokens given to MCP clients. */
      accessTokenTtlSeconds: z.int().min(60).max(86_400).default(3_600),
      /** Lifetime of refresh tokens (each use rotates it; a reused one revokes the grant). */
      refreshTokenTtlSeconds: z.int().min(3_600).max(31_536_000).default(2_592_000),
    })
    .prefault({}),
  jwt: jwtSettings.prefault({}),
  /** Redis shared by several instances for rate limits (bottleneck clustering); in-process limits without it. */
  redisUrl: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  /** Where the encryption key ring lives; defaults to <dataDir>/keys.json. */
  keyFile: z.string().min(1).optional(),
  /** OTLP/HTTP collector base URL (traces go to <url>/v1/traces); no tracing without it. */
  otlpEndpoint: z.url().optional(),
  /** `service.name` of exported traces and metrics. */
  otlpServiceName: z.string().min(1).default('mcpist'),
  /** How often metrics are pushed to `<otlpEndpoint>/v1/metrics`, in ms. */
  otlpMetricsIntervalMs: z.int().min(1000).max(3_600_000).default(60_000),
  /** Grafana Loki base URL (`…/loki/api/v1/push` is appended); log lines are also pushed there when set. */
  lokiUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Basic-auth user for Loki (Grafana Cloud: the numeric user id). */
  lokiUsername: z.string().min(1).optional(),
  /** Basic-auth password for Loki (Grafana Cloud: an access policy token). */
  lokiPassword: z.string().min(1).optional(),
  /** Requests to upstream services (DESIGN §11). */
  upstream: z
    .strictObject({
      /**
       * Hosts users may name although they are not public https hosts or not
       * under a plugin's expected domain (Jira/Confluence Data Center):
       * `jira.corp.example`, `*.corp.example`, `jira.corp.example:8080`.
       */
      allowedHosts: hostNames,
      /** Largest upstream answer read, in bytes; a larger one fails the call. */
      maxResponseBytes: z
        .int()
        .min(1024)
        .max(1_000_000_000)
        .default(32 * 1024 * 1024),
    })
    .prefault({}),
  /** When set, `GET /metrics` needs `Authorization: Bearer <metricsToken>`. */
  metricsToken: z.string().min(16, 'must be at least 16 characters').optional(),
  /** `host:port` of a separate listener serving only `GET /metrics`; the main port then has no /metrics. */
  metricsListen: z
    .string()
    .regex(METRICS_LISTEN, 'must be host:port, e.g. 127.0.0.1:9464 or [::1]:9464')
    .refine((value) => Number(value.slice(value.lastIndexOf(':') + 1)) <= 65_535, 'port must be at most 65535')
    .optional(),
});

export const configSchema = configObject.superRefine((config, ctx) => {
  // One without the other is a half-configured Supabase mode: refused rather than silently ignored.
  if ((config.tokenBrokerUrl === undefined) !== (config.tokenBrokerKey === undefined)) {
    const missing = config.tokenBrokerUrl === undefined ? 'tokenBrokerUrl' : 'tokenBrokerKey';
    ctx.addIssue({
      code: 'custom',
      path: [missing],
      message: 'TOKEN_BROKER_URL and TOKEN_BROKER_KEY are set together (Supabase mode) or not at all',
    });
  }
  if (config.http.sessionCookieSameSite === 'none' && !config.publicUrl?.startsWith('https:')) {
    ctx.addIssue({
      code: 'custom',
      path: ['http', 'sessionCookieSameSite'],
      message: 'none needs an https publicUrl (browsers drop SameSite=None cookies that are not Secure)',
    });
  }
});

export type McpistConfig = z.output<typeof configSchema>;
export type McpistConfigInput = z.input<typeof configSchema>;
