import { z } from 'zod';
import { Tokens } from '../../container/tokens.js';
import { publicBaseUrl } from '../../http/public-url.js';
import { defineAdminCommand, recordCliAction } from '../admin-channel/admin-command.js';
import { runAdminCommand } from '../admin-channel/run-admin-command.js';
import type { GlobalOptions } from './global-options.js';

/** `mcpist login-link --user EMAIL`: a one-time link (15 min) that signs an existing user in to the admin UI. */
export const LOGIN_LINK = defineAdminCommand({
  name: 'login-link',
  args: z.strictObject({ user: z.string() }),
  deps: {
    users: Tokens.UsersRepository,
    sessions: Tokens.BrowserSessions,
    config: Tokens.Config,
    audit: Tokens.AuditLogsRepository,
  },
  async run({ users, sessions, config, audit }, args, context) {
    const user = await users.findByEmail(args.user);
    if (!user) throw new Error(`no user ${args.user}; add one with: mcpist user add ${args.user}`);
    const { code, expiresAt } = await sessions.createLink('login', user.id);
    const base = config.publicUrl
      ? config.publicUrl.replace(/\/+$/, '')
      : (context.server?.url ?? publicBaseUrl(undefined, config.host, config.port));
    await recordCliAction(audit, context, 'login_link_created', { target_user_id: user.id });
    context.err(`one-time admin UI sign-in link for ${user.email}, valid until ${expiresAt.toISOString()}:\n`);
    context.out(`${base}/login?link=${code}\n`);
  },
});

export async function loginLink(global: GlobalOptions, options: { user: string }): Promise<void> {
  await runAdminCommand(global, LOGIN_LINK, { user: options.user });
}
