import { z } from 'zod';
import { Tokens } from '../../container/tokens.js';
import { defineAdminCommand, recordCliAction } from '../admin-channel/admin-command.js';
import { runAdminCommand } from '../admin-channel/run-admin-command.js';
import type { GlobalOptions } from './global-options.js';

/** `mcpist token create --user EMAIL [--name NAME]`: the token on stdout, once; the user is created if needed. */
export const TOKEN_CREATE = defineAdminCommand({
  name: 'token create',
  args: z.strictObject({ user: z.string(), name: z.string().trim().min(1).max(64) }),
  deps: { issuer: Tokens.ApiTokenIssuer, audit: Tokens.AuditLogsRepository },
  async run({ issuer, audit }, args, context) {
    const issued = await issuer.issue(args.user, args.name);
    await recordCliAction(audit, context, 'token_created', { token_id: issued.tokenId, name: args.name });
    if (issued.userCreated) context.err(`created user ${args.user}\n`);
    context.err('API token (shown once; store it now):\n');
    context.out(`${issued.token}\n`);
  },
});

export async function tokenCreate(global: GlobalOptions, options: { user: string; name: string }): Promise<void> {
  await runAdminCommand(global, TOKEN_CREATE, { user: options.user, name: options.name });
}
