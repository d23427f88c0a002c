import type { AuthDeclaration, RateLimitDeclaration } from './auth.js';
import { deepFreeze } from './deep-freeze.js';
import type { PromptDefinition } from './define-prompt.js';
import { type ResourceDefinition, type ResourceTemplateDefinition, schemeOf } from './define-resource.js';
import type { ToolDefinition } from './define-tool.js';
import { DefinitionError } from './definition-error.js';
import type { ErrorMapper } from './error-mapping.js';
import { checkIcons, type Icon } from './icon.js';
import type { UpstreamDeclaration } from './upstream.js';
import { PLUGIN_API_VERSION } from './version.js';

const PLUGIN_BRAND = Symbol.for('mcpist.plugin');

/** Plugin names: lower kebab case; they name the module in `call` and `get_module_schema`. */
export const PLUGIN_NAME_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;

/** The object you pass to `definePlugin`. */
export interface PluginSpec {
  /** Module name clients use, e.g. `github`. */
  name: string;
  displayName: string;
  /** One or two sentences for an LLM choosing modules. */
  description: string;
  /** The plugin package's own version. */
  version: string;
  /**
   * The upstream API the plugin targets and where newer versions are
   * announced, e.g. `{ apiVersion: '2022-11-28', versionSource: { kind: 'url',
   * url: 'https://api.github.com/versions' } }`. Required unless the older
   * `upstreamApiVersion` is given.
   */
  upstream?: UpstreamDeclaration;
  /**
   * Version of the upstream API the plugin targets, e.g. GitHub's `2022-11-28`.
   * @deprecated Declare `upstream: { apiVersion, versionSource }` instead; kept so plugins written for
   * plugin API 1.0 still build.
   */
  upstreamApiVersion?: string;
  /** Default upstream base URL; operators may override it. */
  baseUrl: string;
  /** How the service authenticates; omit when it needs no credential. */
  auth?: AuthDeclaration;
  /** Upstream limits, enforced per credential by the core. */
  rateLimits?: RateLimitDeclaration;
  /**
   * Translates whatever the plugin's upstream SDK throws into the typed
   * errors (`RateLimitedError`, `NotFoundError`, …). The core applies it to
   * every failure of every handler of this plugin, after letting typed errors
   * and the caller's abort through, so handlers need not catch anything.
   * See {@link ErrorMapper}.
   */
  mapError?: ErrorMapper;
  /** The service's icons; a tool without its own shows these. */
  icons?: readonly Icon[];
  tools: readonly ToolDefinition[];
  /** Prompts a user picks from a client's menu (`definePrompt`), listed as `<plugin>_<name>`. */
  prompts?: readonly PromptDefinition[];
  /** Resources with fixed URIs (`defineResource`); their scheme is the plugin's name. */
  resources?: readonly ResourceDefinition[];
  /** Families of resources by URI template (`defineResourceTemplate`); their scheme is the plugin's name. */
  resourceTemplates?: readonly ResourceTemplateDefinition[];
}

/** A validated, frozen plugin, branded with the plugin API version it was built for. */
export interface PluginDefinition
  extends Readonly<
    Omit<PluginSpec, 'tools' | 'prompts' | 'resources' | 'resourceTemplates' | 'upstream' | 'upstreamApiVersion'>
  > {
  readonly tools: readonly ToolDefinition[];
  readonly prompts: readonly PromptDefinition[];
  readonly resources: readonly ResourceDefinition[];
  readonly resourceTemplates: readonly ResourceTemplateDefinition[];
  /** Version of the upstream API the plugin targets (`upstream.apiVersion`, or the older field). */
  readonly upstreamApiVersion: string;
  /** The upstream declaration; absent only for plugins that gave `upstreamApiVersion` alone. */
  readonly upstream: UpstreamDeclaration | undefined;
  /** The plugin API version of the SDK copy that built this definition. */
  readonly pluginApiVersion: string;
}

function checkUpstream(spec: PluginSpec): string {
  const fail = (message: string) => new DefinitionError('MCPIST_PLUGIN_FIELD', `plugin "${spec.name}": ${message}`);
  if (spec.upstream === undefined) {
    if (typeof spec.upstreamApiVersion !== 'string' || spec.upstreamApiVersion.trim() === '') {
      throw fail('upstream.apiVersion is required');
    }
    return spec.upstreamApiVersion;
  }
  const { apiVersion, versionSource } = spec.upstream;
  if (typeof apiVersion !== 'string' || apiVersion.trim() === '') throw fail('upstream.apiVersion is required');
  if (spec.upstreamApiVersion !== undefined && spec.upstreamApiVersion !== apiVersion) {
    throw fail('upstreamApiVersion and upstream.apiVersion differ; declare upstream only');
  }
  if (versionSource?.kind === 'npm') {
    if (typeof versionSource.package !== 'string' || versionSource.package.trim() === '') {
      throw fail('upstream.versionSource.package is required');
    }
  } else if (versionSource?.kind === 'url') {
    if (!URL.canParse(versionSource.url)) throw fail('upstream.versionSource.url is not a URL');
  } else {
    throw fail('upstream.versionSource must be { kind: "npm", package } or { kind: "url", url }');
  }
  return apiVersion;
}

/**
 * Declares a plugin: the default export of an MCPist plugin package.
 * Validates the definition and freezes it all the way down (auth, scopes,
 * rate limits, tools), so mistakes fail at import time and no test or caller
 * can change a definition another one reads.
 */
export function definePlugin(spec: PluginSpec): PluginDefinition {
  if (!PLUGIN_NAME_PATTERN.test(spec.name)) {
    throw new DefinitionError('MCPIST_PLUGIN_NAME', `plugin name "${spec.name}" must match ${PLUGIN_NAME_PATTERN}`);
  }
  for (const key of ['displayName', 'description', 'version', 'baseUrl'] as const) {
    if (typeof spec[key] !== 'string' || spec[key].trim() === '') {
      throw new DefinitionError('MCPIST_PLUGIN_FIELD', `plugin "${spec.name}": ${key} is required`);
    }
  }
  if (!URL.canParse(spec.baseUrl)) {
    throw new DefinitionError('MCPIST_PLUGIN_FIELD', `plugin "${spec.name}": baseUrl is not a URL`);
  }
  const upstreamApiVersion = checkUpstream(spec);
  checkIcons(spec.icons, `plugin "${spec.name}"`);
  if (spec.mapError !== undefined && typeof spec.mapError !== 'function') {
    throw new DefinitionError('MCPIST_PLUGIN_FIELD', `plugin "${spec.name}": mapError must be a function`);
  }
  if (!Array.isArray(spec.tools) || spec.tools.length === 0) {
    throw new DefinitionError('MCPIST_PLUGIN_TOOLS', `plugin "${spec.name}" declares no tools`);
  }
  const seen = new Set<string>();
  for (const tool of spec.tools) {
    if (seen.has(tool.name)) {
      throw new DefinitionError('MCPIST_PLUGIN_TOOLS', `plugin "${spec.name}" declares tool "${tool.name}" twice`);
    }
    seen.add(tool.name);
  }
  // Plain data is copied before freezing, so the caller's own objects stay theirs; tools are frozen by defineTool.
  const prompts = spec.prompts ?? [];
  const promptNames = new Set<string>();
  for (const prompt of prompts) {
    if (promptNames.has(prompt.name)) {
      throw new DefinitionError('MCPIST_PROMPT', `plugin "${spec.name}" declares prompt "${prompt.name}" twice`);
    }
    promptNames.add(prompt.name);
  }
  const { resources, resourceTemplates } = checkResources(spec);
  const {
    tools,
    prompts: _prompts,
    resources: _resources,
    resourceTemplates: _templates,
    upstream,
    upstreamApiVersion: _deprecated,
    ...data
  } = spec;
  return deepFreeze({
    ...structuredCloneData(data),
    upstreamApiVersion,
    upstream: upstream === undefined ? undefined : structuredClone(upstream),
    tools: Object.freeze([...tools]),
    prompts: Object.freeze([...prompts]),
    resources: Object.freeze([...resources]),
    resourceTemplates: Object.freeze([...resourceTemplates]),
    pluginApiVersion: PLUGIN_API_VERSION,
    [PLUGIN_BRAND]: true,
  });
}

/**
 * Resources and templates: names unique across both, URIs in the plugin's own
 * scheme (so the core routes a read by its scheme and no plugin answers for
 * another's URIs), `requires` naming a read-only tool of this plugin.
 */
function checkResources(spec: PluginSpec): {
  resources: readonly ResourceDefinition[];
  resourceTemplates: readonly ResourceTemplateDefinition[];
} {
  const resources = spec.resources ?? [];
  const resourceTemplates = spec.resourceTemplates ?? [];
  const names = new Set<string>();
  const uris = new Set<string>();
  for (const entry of [...resources, ...resourceTemplates]) {
    const fail = (message: string) =>
      new DefinitionError('MCPIST_RESOURCE', `plugin "${spec.name}", resource "${entry.name}": ${message}`);
    if (names.has(entry.name)) throw fail('declared twice');
    names.add(entry.name);
    const uri = entry.kind === 'resource' ? entry.uri : entry.uriTemplate;
    if (schemeOf(uri) !== spec.name) throw fail(`URI must use the plugin's scheme "${spec.name}:"`);
    if (uris.has(uri)) throw fail(`URI ${uri} declared twice`);
    uris.add(uri);
    if (entry.requires !== undefined) {
      const tool = spec.tools.find((candidate) => candidate.name === entry.requires);
      if (!tool) throw fail(`requires names "${entry.requires}", which is not a tool of this plugin`);
      if (!tool.readOnly) throw fail(`requires names "${entry.requires}", which is not read-only`);
    }
  }
  return { resources, resourceTemplates };
}

/** A copy of the spec's plain data (auth, rate limits); functions such as `mapError` are kept as they are. */
function structuredCloneData<T extends object>(data: T): T {
  return Object.fromEntries(
    Object.entries(data).map(([key, value]) => [key, typeof value === 'function' ? value : structuredClone(value)]),
  ) as T;
}

/** True for a definition built by `definePlugin` of any copy of this SDK. */
export function isPluginDefinition(value: unknown): value is PluginDefinition {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[PLUGIN_BRAND] === true &&
    typeof (value as { pluginApiVersion?: unknown }).pluginApiVersion === 'string'
  );
}
