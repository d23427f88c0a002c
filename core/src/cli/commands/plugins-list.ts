import { z } from 'zod';
import { Tokens } from '../../container/tokens.js';
import { defineAdminCommand } from '../admin-channel/admin-command.js';
import { runAdminCommand } from '../admin-channel/run-admin-command.js';
import type { GlobalOptions } from './global-options.js';

/** `mcpist plugins list [--json]`: what loaded and what was skipped (as the running server sees it, when one runs). */
export const PLUGINS_LIST = defineAdminCommand({
  name: 'plugins list',
  args: z.strictObject({ json: z.boolean() }),
  deps: { report: Tokens.PluginReport, catalog: Tokens.ModuleCatalog },
  plugins: true,
  logLevel: 'error',
  async run({ report, catalog }, options, context) {
    const loaded = [...catalog.modules.values()].map((module) => ({
      module: module.name,
      package: module.packageName,
      version: module.packageVersion,
      api_version: module.upstreamApiVersion,
      base_url: module.baseUrl,
      tools: [...module.tools.keys()],
    }));
    const failed = report.failed.map((f) => ({ package: f.packageName, code: f.code, message: f.message }));
    if (options.json) {
      context.out(`${JSON.stringify({ loaded, failed }, null, 2)}\n`);
      return;
    }
    for (const module of loaded) {
      context.out(
        `${module.module}\t${module.package}@${module.version ?? '?'}\t${module.tools.length} tools\t${module.base_url}\n`,
      );
    }
    for (const failure of failed) context.out(`SKIPPED ${failure.package}\t${failure.code}\t${failure.message}\n`);
  },
});

export async function pluginsList(global: GlobalOptions, options: { json?: boolean }): Promise<void> {
  await runAdminCommand(global, PLUGINS_LIST, { json: options.json === true });
}
