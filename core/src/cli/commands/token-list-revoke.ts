import { z } from 'zod';
import { Tokens } from '../../container/tokens.js';
import { iso } from '../../http/api/route-helpers.js';
import { defineAdminCommand, recordCliAction } from '../admin-channel/admin-command.js';
import { runAdminCommand } from '../admin-channel/run-admin-command.js';
import type { GlobalOptions } from './global-options.js';
import { userFor } from './user-for.js';

/** `mcpist token list [--user EMAIL] [--json]`: every user's API tokens by id, name and prefix; never a token or hash. */
export const TOKEN_LIST = defineAdminCommand({
  name: 'token list',
  args: z.strictObject({ user: z.string().optional(), json: z.boolean() }),
  deps: { users: Tokens.UsersRepository, tokens: Tokens.ApiTokensRepository },
  async run({ users, tokens }, args, context) {
    const owner = args.user ? await userFor(users, args.user) : undefined;
    const rows = (await tokens.listAll(owner?.id)).map((row) => ({
      id: row.id,
      user: row.user_email,
      name: row.name,
      prefix: row.token_prefix,
      created_at: iso(row.created_at),
      last_used_at: iso(row.last_used_at),
      revoked_at: iso(row.revoked_at),
    }));
    if (args.json) return context.out(`${JSON.stringify(rows, null, 2)}\n`);
    if (rows.length === 0) return context.err('no API tokens; create one with: mcpist token create --user EMAIL\n');
    for (const row of rows) {
      const state = row.revoked_at ? `revoked ${row.revoked_at}` : `last used ${row.last_used_at ?? 'never'}`;
      context.out(`${row.id}\t${row.user}\t${row.name}\t${row.prefix}…\t${state}\n`);
    }
  },
});

/** `mcpist token revoke ID`: revokes any user's token (the leaked-token step); effective on the next request. */
export const TOKEN_REVOKE = defineAdminCommand({
  name: 'token revoke',
  args: z.strictObject({ id: z.string() }),
  deps: { tokens: Tokens.ApiTokensRepository, audit: Tokens.AuditLogsRepository },
  async run({ tokens, audit }, { id }, context) {
    const owner = await tokens.revokeAny(id);
    if (!owner) throw new Error(`no live API token with id "${id}"; see: mcpist token list`);
    await recordCliAction(audit, context, 'token_revoked', { token_id: id });
    context.err(`revoked token ${id} of ${owner}; it is refused from the next request on\n`);
  },
});

export async function tokenList(global: GlobalOptions, options: { user?: string; json?: boolean }): Promise<void> {
  await runAdminCommand(global, TOKEN_LIST, { user: options.user, json: options.json === true });
}

export async function tokenRevoke(global: GlobalOptions, id: string): Promise<void> {
  await runAdminCommand(global, TOKEN_REVOKE, { id });
}
