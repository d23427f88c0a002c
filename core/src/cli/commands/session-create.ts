import { join, resolve } from 'node:path';
import { SigningKeys } from '../../auth/signing-keys.js';
import { Tokens } from '../../container/tokens.js';
import { resolveDataDir } from '../../store/open-database.js';
import { cliIo } from '../cli-io.js';
import { configFor, type GlobalOptions } from './global-options.js';
import { withServices } from './with-services.js';

/** Prints a short-lived MCPist session JWT for an existing user (the admin UI's sign-in will mint the same). */
export async function sessionCreate(global: GlobalOptions, options: { user: string }): Promise<void> {
  const deps = { users: Tokens.UsersRepository, sessions: Tokens.SessionIssuer };
  await withServices(configFor(global, { logLevel: 'warn' }), { plugins: false }, deps, async ({ users, sessions }) => {
    const user = await users.findByEmail(options.user);
    if (!user) throw new Error(`no user ${options.user}; add one with: mcpist token create --user ${options.user}`);
    const { token, expiresAt } = await sessions.mint(user);
    cliIo().stderr.write(`session JWT for ${user.email}, valid until ${new Date(expiresAt * 1000).toISOString()}:\n`);
    cliIo().stdout.write(`${token}\n`);
  });
}

/** Starts signing with a new key; the previous public key stays published until its tokens have expired. */
export async function sessionRotateKey(global: GlobalOptions): Promise<void> {
  const config = configFor(global, { logLevel: 'warn' });
  const dataDir = resolveDataDir(config);
  if (!config.jwt.signingKeyFile && dataDir.startsWith('memory://')) {
    throw new Error('an in-memory store has no signing key file to rotate');
  }
  const path = config.jwt.signingKeyFile ? resolve(config.jwt.signingKeyFile) : join(dataDir, 'signing-keys.json');
  await SigningKeys.loadOrCreate(path);
  const kid = await SigningKeys.rotate(path, config.jwt.sessionTtlSeconds + config.jwt.clockToleranceSeconds);
  cliIo().stderr.write(`new signing key ${kid} in ${path}; restart running servers to sign with it\n`);
}
