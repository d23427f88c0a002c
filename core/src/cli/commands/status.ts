import { z } from 'zod';
import { Tokens } from '../../container/tokens.js';
import { type CommandContext, defineAdminCommand } from '../admin-channel/admin-command.js';
import { runAdminCommand } from '../admin-channel/run-admin-command.js';
import type { GlobalOptions } from './global-options.js';

const STORE_NAMES = { pglite: 'embedded (PGlite)', postgres: 'PostgreSQL' } as const;

/** Whether a server answers `/health` at the configured address (checked only when no server ran the command). */
async function probe(host: string, port: number): Promise<boolean> {
  const target = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  try {
    const res = await fetch(`http://${target}:${port}/health`, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

async function serverState(context: CommandContext, host: string, port: number) {
  if (context.server) return { running: true, pid: context.server.pid, url: context.server.url, via: 'admin-channel' };
  return { running: await probe(host, port), url: `http://${host}:${port}`, via: 'store' };
}

/**
 * `mcpist status [--json]`: server, store, plugins, users and the services
 * each user has connected — names and states only, never a secret.
 */
export const STATUS = defineAdminCommand({
  name: 'status',
  args: z.strictObject({ json: z.boolean() }),
  deps: {
    config: Tokens.Config,
    db: Tokens.Database,
    report: Tokens.PluginReport,
    users: Tokens.UsersRepository,
    credentials: Tokens.CredentialsRepository,
  },
  plugins: true,
  logLevel: 'error',
  async run({ config, db, report, users, credentials }, args, context) {
    const server = await serverState(context, config.host, config.port);
    const everyone = await users.list();
    const status = {
      server,
      store: db.kind,
      plugins: {
        loaded: report.loaded.map((plugin) => plugin.definition.name),
        skipped: report.failed.map((f) => ({ package: f.packageName, code: f.code })),
      },
      users: await Promise.all(
        everyone.map(async (user) => ({
          email: user.email,
          system_role: user.system_role,
          services: (await credentials.connectionsOf(user.id)).map((c) => ({
            service: c.service,
            kind: c.kind,
            shared: c.shared,
            status: c.status,
          })),
        })),
      ),
    };
    if (args.json) return context.out(`${JSON.stringify(status, null, 2)}\n`);
    const lines = [
      server.running
        ? `server: running at ${server.url}${context.server ? ` (pid ${context.server.pid})` : ''}`
        : `server: not answering at ${server.url}`,
      `store: ${STORE_NAMES[db.kind]}`,
      `plugins: ${status.plugins.loaded.length} loaded (${status.plugins.loaded.join(', ') || 'none'}), ${status.plugins.skipped.length} skipped`,
      ...status.plugins.skipped.map((s) => `  skipped ${s.package}: ${s.code} (see: mcpist plugins list)`),
      `users: ${everyone.length}`,
      ...status.users.map((user) => {
        const services = user.services.map(
          (s) => `${s.service}${s.shared ? ' (shared)' : ''}${s.status === 'active' ? '' : ` [${s.status}]`}`,
        );
        return `  ${user.email} (${user.system_role}): ${services.join(', ') || 'no services connected'}`;
      }),
      ...(everyone.length === 0
        ? ['  create the first admin and a token: npx mcpist token create --user you@example.com']
        : []),
    ];
    context.out(`${lines.join('\n')}\n`);
  },
});

export async function status(global: GlobalOptions, options: { json?: boolean }): Promise<void> {
  await runAdminCommand(global, STATUS, { json: options.json === true });
}
