import { text } from 'node:stream/consumers';
import { authOf, knownServices, tokenFieldIssues } from '../../broker/service-auth.js';
import { Tokens } from '../../container/tokens.js';
import { cliIo } from '../cli-io.js';
import { configFor, type GlobalOptions } from './global-options.js';
import { userFor, withServices } from './with-services.js';

function parseFields(pairs: readonly string[] = []): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const pair of pairs) {
    const index = pair.indexOf('=');
    if (index <= 0) throw new Error(`--field "${pair}" must look like key=value`);
    fields[pair.slice(0, index)] = pair.slice(index + 1);
  }
  return fields;
}

export async function credentialSet(
  global: GlobalOptions,
  service: string,
  options: { token: string; user?: string; field?: string[] },
): Promise<void> {
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(service)) throw new Error(`"${service}" is not a service name (e.g. github)`);
  const secret = (options.token === '-' ? await text(cliIo().stdin) : options.token).trim();
  if (secret === '') throw new Error('the token is empty');
  const fields = parseFields(options.field);
  // Plugins load (as for serve) so the service and its fields are checked against what they declare.
  const deps = {
    catalog: Tokens.ModuleCatalog,
    users: Tokens.UsersRepository,
    broker: Tokens.TokenBroker,
    outbound: Tokens.OutboundPolicy,
  };
  await withServices(
    configFor(global, { logLevel: 'warn' }),
    {},
    deps,
    async ({ catalog, users, broker, outbound }) => {
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
      const user = await userFor(users, options.user);
      await broker.setPersonalToken(user.id, service, secret, fields);
      cliIo().stderr.write(`stored an encrypted ${service} token for ${user.email}\n`);
    },
  );
}
