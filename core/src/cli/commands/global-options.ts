import type { McpistConfig, McpistConfigInput } from '../../config/config-schema.js';
import { loadConfig } from '../../config/load-config.js';
import { cliIo } from '../cli-io.js';

export interface GlobalOptions {
  config?: string;
  dataDir?: string;
}

/** Configuration for a command: file ← env ← the command line. */
export function configFor(global: GlobalOptions, overrides: McpistConfigInput = {}): McpistConfig {
  const fromFlags: McpistConfigInput = { ...overrides };
  if (global.dataDir) fromFlags.dataDir = global.dataDir;
  return loadConfig({ ...(global.config ? { file: global.config } : {}), env: cliIo().env, overrides: fromFlags });
}
