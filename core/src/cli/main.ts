#!/usr/bin/env node
import { enableCompileCache } from 'node:module';
import { Command, CommanderError, Option } from 'commander';
import { ConfigError } from '../config/config-error.js';
import { MCPIST_VERSION } from '../version.js';
import { type CliIo, cliIo, withCliIo } from './cli-io.js';

// Start-up time matters (health within 2 s): cache compiled code across runs,
// and load each command's modules only when it runs.
enableCompileCache?.();

/**
 * The CLI's commands, built anew for each command line (runCli) so that no
 * parse or test leaves state behind; tests parse with their own copy (the
 * docs test) without running anything.
 */
export function createProgram(): Command {
  const program = new Command()
    .name('mcpist')
    .description('MCPist: one MCP endpoint for your services')
    .version(MCPIST_VERSION)
    .option('-c, --config <file>', 'configuration file (default ./mcpist.config.json)')
    .option('--data-dir <dir>', 'embedded store folder (default ./.mcpist)')
    .showHelpAfterError()
    // Usage errors throw (runCli turns them into an exit code) instead of ending the process.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => cliIo().stdout.write(text),
      writeErr: (text) => cliIo().stderr.write(text),
    });

  const toolMode = new Option('--tool-mode <mode>', 'tools/list exposure').choices(['meta', 'direct']);

  program
    .command('serve')
    .description('serve MCP over Streamable HTTP at /mcp (default port 8088)')
    .option('-p, --port <port>', 'port to listen on', (value) => Number(value))
    .option('--host <host>', 'address to bind (default 127.0.0.1)')
    .addOption(toolMode)
    .addOption(
      new Option('--log-format <format>', 'log lines: readable on a terminal, JSON otherwise (auto)').choices([
        'auto',
        'json',
        'text',
      ]),
    )
    .action(async (options) => (await import('./commands/serve.js')).serve(program.opts(), options));

  program
    .command('stdio')
    .description('serve MCP over stdio (Claude Desktop); logs go to stderr')
    .option('-u, --user <email>', 'act as this user (default: the first admin)')
    .addOption(toolMode)
    .action(async (options) => (await import('./commands/stdio.js')).stdio(program.opts(), options));

  const token = program.command('token').description('API tokens');
  token
    .command('create')
    .description('create an API token for a user (creating the user if needed); prints it once')
    .requiredOption('-u, --user <email>', 'owner of the token')
    .option('-n, --name <name>', 'a label for the token', 'default')
    .action(async (options) => (await import('./commands/token-create.js')).tokenCreate(program.opts(), options));
  token
    .command('list')
    .description('list API tokens (id, owner, name, prefix, last use); never the tokens')
    .option('-u, --user <email>', "only this user's tokens")
    .option('--json', 'print JSON')
    .action(async (options) => (await import('./commands/token-list-revoke.js')).tokenList(program.opts(), options));
  token
    .command('revoke <id>')
    .description("revoke any user's API token by id (see token list); refused from the next request on")
    .action(async (id) => (await import('./commands/token-list-revoke.js')).tokenRevoke(program.opts(), id));

  program
    .command('login-link')
    .description('print a one-time link (15 min) that signs an existing user in to the admin UI')
    .requiredOption('-u, --user <email>', 'who signs in')
    .action(async (options) => (await import('./commands/login-link.js')).loginLink(program.opts(), options));

  const session = program.command('session').description("MCPist's own short-lived session JWTs");
  session
    .command('create')
    .description('print a session JWT (15 min by default) for an existing user')
    .requiredOption('-u, --user <email>', 'whose session')
    .action(async (options) => (await import('./commands/session-create.js')).sessionCreate(program.opts(), options));
  session
    .command('rotate-key')
    .description('sign new sessions with a new key; the old public key stays published until its tokens expire')
    .action(async () => (await import('./commands/session-create.js')).sessionRotateKey(program.opts()));

  const credential = program.command('credential').description('service credentials');
  credential
    .command('set <service>')
    .description('store a long-lived token (type A) for a service, encrypted')
    .requiredOption('-t, --token <token>', 'the token; "-" reads it from standard input')
    .option('-u, --user <email>', 'whose credential (default: the first admin)')
    .option('-f, --field <key=value...>', 'extra non-secret fields, e.g. email=me@x.com site=acme.atlassian.net')
    .action(async (service, options) =>
      (await import('./commands/credential-set.js')).credentialSet(program.opts(), service, options),
    );

  credential
    .command('list')
    .description('list stored service credentials: owner, service, kind, state; never a secret')
    .option('-u, --user <email>', "only this user's own credentials")
    .option('--json', 'print JSON')
    .action(async (options) =>
      (await import('./commands/credential-list-delete.js')).credentialList(program.opts(), options),
    );
  credential
    .command('delete <service>')
    .description("delete a user's own credential for a service")
    .option('-u, --user <email>', 'whose credential (default: the first admin)')
    .action(async (service, options) =>
      (await import('./commands/credential-list-delete.js')).credentialDelete(program.opts(), service, options),
    );
  credential
    .command('revoke-all')
    .description(
      "after a leak: delete every stored service credential (or one user's) and list them to revoke at each provider",
    )
    .option('-u, --user <email>', "only this user's own credentials")
    .option('--yes', 'really delete them')
    .action(async (options) =>
      (await import('./commands/credential-list-delete.js')).credentialRevokeAll(program.opts(), options),
    );

  program
    .command('status')
    .description('server, store, plugins, users and their connected services (no secrets)')
    .option('--json', 'print JSON')
    .action(async (options) => (await import('./commands/status.js')).status(program.opts(), options));

  const keys = program.command('keys').description('encryption keys of stored secrets');
  keys
    .command('rotate')
    .description('add a new active key and re-encrypt every stored secret under it (servers keep running)')
    .option('--settle-ms <ms>', 'wait this long for running servers to pick up the new key', '2500')
    .action(async (options) => (await import('./commands/keys-rotate.js')).keysRotate(program.opts(), options));

  const db = program.command('db').description('backup and restore of the store');
  db.command('dump')
    .description('write every MCPist table as JSON lines; secrets stay encrypted, the key file is not included')
    .option('-o, --output <file>', 'write to this new file (mode 0600) instead of standard output')
    .action(async (options) => (await import('./commands/db-dump-restore.js')).dbDump(program.opts(), options));
  db.command('restore <file>')
    .description("replace the store's rows with a dump's (same key file needed); refuses a store with users")
    .option('--force', 'replace a store that already has users')
    .action(async (file, options) =>
      (await import('./commands/db-dump-restore.js')).dbRestore(program.opts(), file, options),
    );

  program
    .command('oauth-apps')
    .description('OAuth apps of the services')
    .command('export')
    .description("print each OAuth service's redirect URI and app settings as JSON; never a client id or secret")
    .action(async () => (await import('./commands/oauth-apps-export.js')).oauthAppsExport(program.opts()));

  const user = program.command('user').description('users');
  user
    .command('add <email>')
    .description('create a user and allow the email to sign in; they get the default roles')
    .option('--admin', 'make the user an admin')
    .option('--name <name>', 'display name')
    .action(async (email, options) => (await import('./commands/user-add.js')).userAdd(program.opts(), email, options));

  const role = program.command('role').description('roles: which modules and tools users may use');
  role
    .command('create <name>')
    .description("create a role; its modules' dangerous tools are masked unless --allow-dangerous")
    .requiredOption('--modules <modules>', 'comma-separated modules the role enables, e.g. github,notion')
    .option(
      '--mask <module:tool>',
      'a tool to mask (repeatable)',
      (value: string, all: string[]) => [...all, value],
      [],
    )
    .option('--allow-dangerous', 'do not mask the dangerous tools of the enabled modules')
    .option('--description <text>', 'what the role is for')
    .action(async (name, options) =>
      (await import('./commands/role-create.js')).roleCreate(program.opts(), name, options),
    );
  role
    .command('assign <email> <role>')
    .description('give a user a role')
    .action(async (email, name) => (await import('./commands/role-assign.js')).roleAssign(program.opts(), email, name));
  role
    .command('list')
    .description('list roles with their modules, masks and member count')
    .option('--json', 'print JSON')
    .action(async (options) => (await import('./commands/role-list.js')).roleList(program.opts(), options));

  const plugin = program.command('plugin').description('plugin development');
  plugin
    .command('new <name>')
    .description('scaffold a plugin package: definition, one tool, one test with a fake upstream, README')
    .option('--scope <scope>', 'npm scope, e.g. @acme')
    .option('--dir <dir>', 'target folder (default ./mcpist-plugin-<name>)')
    .option('--display-name <name>', 'name shown to users')
    .action(async (name, options) => (await import('./commands/plugin-new.js')).pluginNew(name, options));

  const plugins = program.command('plugins').description('plugins');
  plugins
    .command('list')
    .description('list loaded and skipped plugins')
    .option('--json', 'print JSON')
    .action(async (options) => (await import('./commands/plugins-list.js')).pluginsList(program.opts(), options));
  return program;
}

/**
 * Runs one command line (`argv` without node and the script) and resolves to
 * its exit code; the binary exits with it, tests call it in process with their
 * own streams and environment. Long-running commands (serve, stdio) resolve
 * once they listen.
 */
export async function runCli(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  try {
    await withCliIo({ ...cliIo(), ...io }, () => createProgram().parseAsync(argv, { from: 'user' }));
    return 0;
  } catch (error) {
    // Commander has printed its own message (usage error, --help, --version).
    if (error instanceof CommanderError) return error.exitCode;
    const { stderr } = { ...cliIo(), ...io };
    stderr.write(`mcpist: ${(error as Error)?.message ?? String(error)}\n`);
    return error instanceof ConfigError || (error as Error)?.name === 'DataDirLockedError' ? 2 : 1;
  }
}

if (import.meta.main) {
  const code = await runCli(process.argv.slice(2));
  if (code !== 0) process.exit(code);
}
