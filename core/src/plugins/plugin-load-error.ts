/** Stable codes for plugins that were found but could not be served. */
export const PluginLoadCodes = {
  NOT_FOUND: 'MCPIST_PLUGIN_NOT_FOUND',
  IMPORT_FAILED: 'MCPIST_PLUGIN_IMPORT_FAILED',
  NOT_A_PLUGIN: 'MCPIST_PLUGIN_NOT_A_PLUGIN',
  API_MISMATCH: 'MCPIST_PLUGIN_API_MISMATCH',
  INVALID: 'MCPIST_PLUGIN_INVALID',
  DUPLICATE: 'MCPIST_PLUGIN_DUPLICATE',
} as const;

export type PluginLoadCode = (typeof PluginLoadCodes)[keyof typeof PluginLoadCodes];

/** A plugin that was reported and skipped; the server runs without it. */
export interface PluginLoadFailure {
  packageName: string;
  /** The module name, when the definition got far enough to have one. */
  moduleName?: string;
  code: PluginLoadCode;
  message: string;
}
