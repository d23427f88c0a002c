import type { AuthDeclaration, RateLimitDeclaration } from './auth.js';
import type { ToolDefinition } from './define-tool.js';
import { DefinitionError } from './definition-error.js';
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
  /** Version of the upstream API the plugin targets, e.g. GitHub's `2022-11-28`. */
  upstreamApiVersion: string;
  /** Default upstream base URL; operators may override it. */
  baseUrl: string;
  /** How the service authenticates; omit when it needs no credential. */
  auth?: AuthDeclaration;
  /** Upstream limits, enforced per credential by the core. */
  rateLimits?: RateLimitDeclaration;
  tools: readonly ToolDefinition[];
}

/** A validated, frozen plugin, branded with the plugin API version it was built for. */
export interface PluginDefinition extends Readonly<Omit<PluginSpec, 'tools'>> {
  readonly tools: readonly ToolDefinition[];
  /** The plugin API version of the SDK copy that built this definition. */
  readonly pluginApiVersion: string;
}

/**
 * Declares a plugin: the default export of an MCPist plugin package.
 * Validates the definition and freezes it, so mistakes fail at import time.
 */
export function definePlugin(spec: PluginSpec): PluginDefinition {
  if (!PLUGIN_NAME_PATTERN.test(spec.name)) {
    throw new DefinitionError('MCPIST_PLUGIN_NAME', `plugin name "${spec.name}" must match ${PLUGIN_NAME_PATTERN}`);
  }
  for (const key of ['displayName', 'description', 'version', 'upstreamApiVersion', 'baseUrl'] as const) {
    if (typeof spec[key] !== 'string' || spec[key].trim() === '') {
      throw new DefinitionError('MCPIST_PLUGIN_FIELD', `plugin "${spec.name}": ${key} is required`);
    }
  }
  try {
    new URL(spec.baseUrl);
  } catch {
    throw new DefinitionError('MCPIST_PLUGIN_FIELD', `plugin "${spec.name}": baseUrl is not a URL`);
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
  return Object.freeze({
    ...spec,
    tools: Object.freeze([...spec.tools]),
    pluginApiVersion: PLUGIN_API_VERSION,
    [PLUGIN_BRAND]: true,
  });
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
