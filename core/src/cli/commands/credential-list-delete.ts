import { z } from 'zod';
import { Tokens } from '../../container/tokens.js';
import { iso } from '../../http/api/route-helpers.js';
import type { CredentialSummary } from '../../store/repositories/credentials-repository.js';
import { defineAdminCommand, recordCliAction } from '../admin-channel/admin-command.js';
import { runAdminCommand } from '../admin-channel/run-admin-command.js';
import { SERVICE_NAME } from './credential-set.js';
import type { GlobalOptions } from './global-options.js';
import { userFor } from './user-for.js';

const summaryJson = (row: CredentialSummary) => ({
  service: row.service,
  kind: row.kind,
  owner: row.user_email ?? `role:${row.role_name}`,
  status: row.status,
  expires_at: iso(row.expires_at),
  updated_at: iso(row.updated_at),
});
const summaryLine = (row: ReturnType<typeof summaryJson>) =>
  `${row.owner}\t${row.service}\t${row.kind}\t${row.status}${row.expires_at ? `\texpires ${row.expires_at}` : ''}\n`;

/** `mcpist credential list [--user EMAIL] [--json]`: stored service credentials, whose and in what state; no secret. */
export const CREDENTIAL_LIST = defineAdminCommand({
  name: 'credential list',
  args: z.strictObject({ user: z.string().optional(), json: z.boolean() }),
  deps: { users: Tokens.UsersRepository, credentials: Tokens.CredentialsRepository },
  async run({ users, credentials }, args, context) {
    const owner = args.user ? await userFor(users, args.user) : undefined;
    const rows = (await credentials.summaries(owner?.id)).map(summaryJson);
    if (args.json) return context.out(`${JSON.stringify(rows, null, 2)}\n`);
    if (rows.length === 0) return context.err('no stored credentials\n');
    for (const row of rows) context.out(summaryLine(row));
  },
});

/** `mcpist credential delete SERVICE [--user EMAIL]`: removes a user's own credential for a service (token or OAuth). */
export const CREDENTIAL_DELETE = defineAdminCommand({
  name: 'credential delete',
  args: z.strictObject({ service: z.string(), user: z.string().optional() }),
  deps: { users: Tokens.UsersRepository, credentials: Tokens.CredentialsRepository, audit: Tokens.AuditLogsRepository },
  async run({ users, credentials, audit }, { service, user: email }, context) {
    if (!SERVICE_NAME.test(service)) throw new Error(`"${service}" is not a service name (e.g. github)`);
    const user = await userFor(users, email);
    if (!(await credentials.delete({ userId: user.id, roleId: null }, service))) {
      throw new Error(`${user.email} has no stored ${service} credential; see: mcpist credential list`);
    }
    await recordCliAction(audit, context, 'credential_removed', { target_user_id: user.id, service });
    context.err(`deleted the ${service} credential of ${user.email}\n`);
  },
});

/**
 * `mcpist credential revoke-all --yes [--user EMAIL]`: the first step after a
 * leak — MCPist forgets every stored service credential (or one user's), and
 * lists them so each grant can be revoked at its provider.
 */
export const CREDENTIAL_REVOKE_ALL = defineAdminCommand({
  name: 'credential revoke-all',
  args: z.strictObject({ user: z.string().optional(), yes: z.boolean() }),
  deps: { users: Tokens.UsersRepository, credentials: Tokens.CredentialsRepository, audit: Tokens.AuditLogsRepository },
  async run({ users, credentials, audit }, args, context) {
    if (!args.yes) {
      throw new Error(
        `this deletes every stored service credential${args.user ? ` of ${args.user}` : ', personal and shared'}; add --yes to do it`,
      );
    }
    const owner = args.user ? await userFor(users, args.user) : undefined;
    const deleted = (await credentials.deleteAll(owner?.id)).map(summaryJson);
    await recordCliAction(audit, context, 'credentials_revoked_all', {
      ...(owner ? { target_user_id: owner.id } : {}),
      count: deleted.length,
    });
    for (const row of deleted) context.out(summaryLine(row));
    context.err(
      `deleted ${deleted.length} stored credential(s). Now revoke these grants at each provider (tokens and OAuth app authorizations), then store or connect new ones.\n`,
    );
  },
});

export async function credentialList(global: GlobalOptions, options: { user?: string; json?: boolean }) {
  await runAdminCommand(global, CREDENTIAL_LIST, { user: options.user, json: options.json === true });
}

export async function credentialDelete(global: GlobalOptions, service: string, options: { user?: string }) {
  await runAdminCommand(global, CREDENTIAL_DELETE, { service, user: options.user });
}

export async function credentialRevokeAll(global: GlobalOptions, options: { user?: string; yes?: boolean }) {
  await runAdminCommand(global, CREDENTIAL_REVOKE_ALL, { user: options.user, yes: options.yes === true });
}
