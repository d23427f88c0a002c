/** @mcpist/core — compose and run the MCPist hub programmatically. */

export { ConfigError } from './config/config-error.js';
export type { McpistConfig, McpistConfigInput } from './config/config-schema.js';
export { loadConfig } from './config/load-config.js';
export { compose, disposeContainer } from './container/compose.js';
export { type McpistServer, startServer } from './container/mcpist-server.js';
export { Tokens } from './container/tokens.js';
export { ErrorCodes } from './errors/error-codes.js';
export { MCPIST_VERSION } from './version.js';
