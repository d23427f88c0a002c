import { Tokens } from '../../container/tokens.js';
import { cliIo } from '../cli-io.js';
import { configFor, type GlobalOptions } from './global-options.js';
import { withServices } from './with-services.js';

export async function pluginsList(global: GlobalOptions, options: { json?: boolean }): Promise<void> {
  const deps = { report: Tokens.PluginReport, catalog: Tokens.ModuleCatalog };
  await withServices(configFor(global, { logLevel: 'error' }), {}, deps, async ({ report, catalog }) => {
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
      cliIo().stdout.write(`${JSON.stringify({ loaded, failed }, null, 2)}\n`);
      return;
    }
    for (const module of loaded) {
      cliIo().stdout.write(
        `${module.module}\t${module.package}@${module.version ?? '?'}\t${module.tools.length} tools\t${module.base_url}\n`,
      );
    }
    for (const failure of failed)
      cliIo().stdout.write(`SKIPPED ${failure.package}\t${failure.code}\t${failure.message}\n`);
  });
}
