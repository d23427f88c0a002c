import { Tokens } from '../../container/tokens.js';
import { configFor, type GlobalOptions } from './global-options.js';
import { withServices } from './with-services.js';

export async function tokenCreate(global: GlobalOptions, options: { user: string; name: string }): Promise<void> {
  const deps = { issuer: Tokens.ApiTokenIssuer };
  await withServices(configFor(global, { logLevel: 'warn' }), { plugins: false }, deps, async ({ issuer }) => {
    const issued = await issuer.issue(options.user, options.name);
    if (issued.userCreated) process.stderr.write(`created user ${options.user}\n`);
    process.stderr.write('API token (shown once; store it now):\n');
    process.stdout.write(`${issued.token}\n`);
  });
}
