/**
 * Version of the plugin API this SDK implements. The core accepts plugins whose
 * API version satisfies its supported range (same major), and refuses others
 * with `MCPIST_PLUGIN_API_MISMATCH`. 1.1 added resources, resource templates,
 * content blocks and completers with a call context.
 */
export const PLUGIN_API_VERSION = '1.1.0';
