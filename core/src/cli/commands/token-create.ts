import { Tokens } from '../../container/tokens.js';
import { cliIo } from '../cli-io.js';
import { configFor, type GlobalOptions } from './global-options.js';
import { withServices } from './with-services.js';

export async function tokenCreate(global: GlobalOptions, options: { user: string; name: string }): Promise<void> {
  const deps = { issuer: Tokens.ApiTokenIssuer };
  await withServices(configFor(global, { logLevel: 'warn' }), { plugins: false }, deps, async ({ issuer }) => {
    const issued = await issuer.issue(options.user, options.name);
    if (issued.userCreated) cliIo().stderr.write(`created user ${options.user}\n`);
    cliIo().stderr.write('API token (shown once; store it now):\n');
    cliIo().stdout.write(`${issued.token}\n`);
  });
}
