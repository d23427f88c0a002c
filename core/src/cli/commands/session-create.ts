import { join, resolve } from 'node:path';
import { z } from 'zod';
import { SigningKeys } from '../../auth/signing-keys.js';
import { Tokens } from '../../container/tokens.js';
import { resolveDataDir } from '../../store/open-database.js';
import { defineAdminCommand } from '../admin-channel/admin-command.js';
import { runAdminCommand } from '../admin-channel/run-admin-command.js';
import { cliIo } from '../cli-io.js';
import { configFor, type GlobalOptions } from './global-options.js';

/** Prints a short-lived MCPist session JWT for an existing user (the admin UI's sign-in will mint the same). */
export const SESSION_CREATE = defineAdminCommand({
  name: 'session create',
  args: z.strictObject({ user: z.string() }),
  deps: { users: Tokens.UsersRepository, sessions: Tokens.SessionIssuer },
  async run({ users, sessions }, args, context) {
    const user = await users.findByEmail(args.user);
    if (!user) throw new Error(`no user ${args.user}; add one with: mcpist token create --user ${args.user}`);
    const { token, expiresAt } = await sessions.mint(user);
    context.err(`session JWT for ${user.email}, valid until ${new Date(expiresAt * 1000).toISOString()}:\n`);
    context.out(`${token}\n`);
  },
});

export async function sessionCreate(global: GlobalOptions, options: { user: string }): Promise<void> {
  await runAdminCommand(global, SESSION_CREATE, { user: options.user });
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
