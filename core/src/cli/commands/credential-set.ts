import { text } from 'node:stream/consumers';
import { z } from 'zod';
import { authOf, knownServices, tokenFieldIssues } from '../../broker/service-auth.js';
import { Tokens } from '../../container/tokens.js';
import { defineAdminCommand, recordCliAction } from '../admin-channel/admin-command.js';
import { runAdminCommand } from '../admin-channel/run-admin-command.js';
import { cliIo } from '../cli-io.js';
import type { GlobalOptions } from './global-options.js';
import { userFor } from './user-for.js';

export const SERVICE_NAME = /^[a-z][a-z0-9-]{0,39}$/;

function parseFields(pairs: readonly string[] = []): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const pair of pairs) {
    const index = pair.indexOf('=');
    if (index <= 0) throw new Error(`--field "${pair}" must look like key=value`);
    fields[pair.slice(0, index)] = pair.slice(index + 1);
  }
  return fields;
}

/** `mcpist credential set SERVICE --token -`: a long-lived (type A) token, encrypted, replacing the user's previous one. */
export const CREDENTIAL_SET = defineAdminCommand({
  name: 'credential set',
  args: z.strictObject({
    service: z.string(),
    token: z.string().max(100_000),
    user: z.string().optional(),
    fields: z.record(z.string(), z.string().max(500)),
  }),
  deps: {
    catalog: Tokens.ModuleCatalog,
    users: Tokens.UsersRepository,
    broker: Tokens.TokenBroker,
    outbound: Tokens.OutboundPolicy,
    audit: Tokens.AuditLogsRepository,
  },
  // Locally, plugins load (as for serve) so the service and its fields are checked against what they declare.
  plugins: true,
  async run({ catalog, users, broker, outbound, audit }, { service, token, user: email, fields }, context) {
    if (!SERVICE_NAME.test(service)) throw new Error(`"${service}" is not a service name (e.g. github)`);
    const secret = token.trim();
    if (secret === '') throw new Error('the token is empty');
    const declared = authOf(catalog, service);
    if (declared.length === 0) {
      throw new Error(
        `no loaded plugin uses the service "${service}"; services: ${knownServices(catalog).join(', ') || 'none'}`,
      );
    }
    const issues = tokenFieldIssues(declared, fields, outbound);
    if (issues.length > 0) {
      throw new Error(
        `${service}: ${issues.map((issue) => `${issue.field.replace(/^fields\./, '--field ')}: ${issue.message}`).join('; ')}`,
      );
    }
    const user = await userFor(users, email);
    await broker.setPersonalToken(user.id, service, secret, fields);
    await recordCliAction(audit, context, 'credential_set', { target_user_id: user.id, service });
    context.err(`stored an encrypted ${service} token for ${user.email}\n`);
  },
});

export async function credentialSet(
  global: GlobalOptions,
  service: string,
  options: { token: string; user?: string; field?: string[] },
): Promise<void> {
  if (!SERVICE_NAME.test(service)) throw new Error(`"${service}" is not a service name (e.g. github)`);
  // Read here, so the secret reaches a running server inside the channel's request, never on a command line.
  const token = (options.token === '-' ? await text(cliIo().stdin) : options.token).trim();
  if (token === '') throw new Error('the token is empty');
  const fields = parseFields(options.field);
  await runAdminCommand(global, CREDENTIAL_SET, { service, token, user: options.user, fields });
}
