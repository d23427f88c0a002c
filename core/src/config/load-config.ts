import { existsSync, readFileSync } from 'node:fs';
import { delimiter, resolve } from 'node:path';
import { ConfigError } from './config-error.js';
import { configSchema, type McpistConfig, type McpistConfigInput } from './config-schema.js';

type Env = Record<string, string | undefined>;
type Setter = (target: Record<string, unknown>, value: string) => void;

const list = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
const boolean = (value: string): boolean | string => (value === 'true' ? true : value === 'false' ? false : value);
const number = (value: string): number | string => (/^\d+$/.test(value.trim()) ? Number(value) : value);
const nested =
  (section: string, key: string, parse: (value: string) => unknown = number): Setter =>
  (target, value) => {
    const current = (target[section] as Record<string, unknown> | undefined) ?? {};
    target[section] = { ...current, [key]: parse(value) };
  };
const flat =
  (key: string, parse: (value: string) => unknown = (v) => v): Setter =>
  (target, value) => {
    target[key] = parse(value);
  };

/** Environment variables MCPist reads, and the config key each sets. */
export const ENV_VARS: Readonly<Record<string, Setter>> = {
  MCPIST_PORT: flat('port', number),
  MCPIST_HOST: flat('host'),
  MCPIST_PUBLIC_URL: flat('publicUrl'),
  MCPIST_DATA_DIR: flat('dataDir'),
  DATABASE_URL: flat('databaseUrl'),
  REDIS_URL: flat('redisUrl'),
  TOKEN_BROKER_URL: flat('tokenBrokerUrl'),
  TOKEN_BROKER_KEY: flat('tokenBrokerKey'),
  MCPIST_LOG_LEVEL: flat('logLevel'),
  MCPIST_LOG_FORMAT: flat('logFormat'),
  MCPIST_TOOL_MODE: flat('toolMode'),
  MCPIST_LIST_PAGE_SIZE: flat('listPageSize', number),
  MCPIST_PLUGINS: flat('plugins', list),
  MCPIST_PLUGIN_PATHS: flat('pluginPaths', (value) => value.split(delimiter).filter(Boolean)),
  MCPIST_AUTO_DISCOVER_PLUGINS: flat('autoDiscoverPlugins', boolean),
  MCPIST_IDLE_GC: flat('idleGc', boolean),
  MCPIST_TIMEOUT_MS: nested('runner', 'timeoutMs'),
  MCPIST_MAX_RECORDS: nested('runner', 'maxRecords'),
  MCPIST_BATCH_MAX_COMMANDS: nested('batch', 'maxCommands'),
  MCPIST_TASK_RESULT_TTL_MS: nested('tasks', 'resultTtlMs'),
  MCPIST_MAX_BODY_BYTES: nested('http', 'maxBodyBytes'),
  MCPIST_ALLOWED_HOSTS: nested('http', 'allowedHosts', list),
  MCPIST_TRUSTED_PROXIES: nested('http', 'trustedProxies', list),
  MCPIST_ALLOWED_ORIGINS: nested('http', 'allowedOrigins', list),
  MCPIST_SESSION_COOKIE_SAMESITE: nested('http', 'sessionCookieSameSite', (value) => value),
  MCPIST_AUTHORIZATION_SERVERS: flat('authorizationServers', list),
  MCPIST_OAUTH_SERVER: nested('oauthServer', 'enabled', boolean),
  MCPIST_OAUTH_DYNAMIC_REGISTRATION: nested('oauthServer', 'dynamicRegistration', boolean),
  MCPIST_KEY_FILE: flat('keyFile'),
  MCPIST_JWT_JWKS_URL: nested('jwt', 'jwksUrl', (value) => value),
  MCPIST_JWT_ISSUER: nested('jwt', 'issuer', (value) => value),
  MCPIST_JWT_AUDIENCE: nested('jwt', 'audience', (value) => value),
  MCPIST_JWT_ALGORITHMS: nested('jwt', 'algorithms', list),
  MCPIST_SESSION_TTL_SECONDS: nested('jwt', 'sessionTtlSeconds'),
  MCPIST_SIGNING_KEY_FILE: nested('jwt', 'signingKeyFile', (value) => value),
  OTEL_EXPORTER_OTLP_ENDPOINT: flat('otlpEndpoint'),
  OTEL_SERVICE_NAME: flat('otlpServiceName'),
  OTEL_METRIC_EXPORT_INTERVAL: flat('otlpMetricsIntervalMs', number),
  LOKI_URL: flat('lokiUrl'),
  LOKI_USERNAME: flat('lokiUsername'),
  LOKI_PASSWORD: flat('lokiPassword'),
  MCPIST_METRICS_TOKEN: flat('metricsToken'),
  MCPIST_UPSTREAM_ALLOWED_HOSTS: nested('upstream', 'allowedHosts', list),
  MCPIST_METRICS_LISTEN: flat('metricsListen'),
  MCPIST_CONFIG: () => {},
};

const PLUGIN_BASE_URL = /^MCPIST_PLUGIN_([A-Z0-9_]+)_BASE_URL$/;

function readFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError('MCPIST_CONFIG', `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ConfigError(path, 'must hold a JSON object');
    }
    return parsed as Record<string, unknown>;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(path, `is not valid JSON (${(error as Error).message})`);
  }
}

function applyEnv(target: Record<string, unknown>, env: Env): void {
  for (const [name, value] of Object.entries(env)) {
    // An empty variable (`DATABASE_URL=`) means unset, as in most shells' tooling.
    if (value === undefined || value === '') continue;
    const setter = ENV_VARS[name];
    if (setter) {
      setter(target, value);
      continue;
    }
    const plugin = PLUGIN_BASE_URL.exec(name);
    if (plugin?.[1]) {
      const pluginName = plugin[1].toLowerCase().replaceAll('_', '-');
      const settings = { ...((target.pluginSettings as Record<string, Record<string, unknown>>) ?? {}) };
      settings[pluginName] = { ...settings[pluginName], baseUrl: value };
      target.pluginSettings = settings;
      continue;
    }
    if (name.startsWith('MCPIST_')) {
      throw new ConfigError(name, 'unknown environment variable (see docs/configuration.md)');
    }
  }
}

export interface LoadConfigOptions {
  env?: Env;
  /** Path of mcpist.config.json; default `$MCPIST_CONFIG` or ./mcpist.config.json when present. */
  file?: string;
  /** Command-line values; they win over file and env. */
  overrides?: McpistConfigInput;
  cwd?: string;
}

/**
 * Builds the configuration: defaults ← mcpist.config.json ← environment ←
 * command line. Fails with a ConfigError naming the first bad key.
 */
export function loadConfig(options: LoadConfigOptions = {}): McpistConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const explicit = options.file ?? env.MCPIST_CONFIG;
  const path = explicit ? resolve(cwd, explicit) : resolve(cwd, 'mcpist.config.json');
  const raw: Record<string, unknown> = explicit || existsSync(path) ? readFile(path) : {};
  delete raw.$schema;
  applyEnv(raw, env);
  Object.assign(raw, options.overrides ?? {});
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key =
      issue?.code === 'unrecognized_keys'
        ? [...issue.path, issue.keys[0]].join('.')
        : issue?.path.join('.') || '(root)';
    throw new ConfigError(key, issue?.code === 'unrecognized_keys' ? 'unknown key' : (issue?.message ?? 'invalid'));
  }
  return parsed.data;
}
