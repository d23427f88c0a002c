export interface BannerFacts {
  version: string;
  /** The base URL clients use (`publicUrl`, else the listen address). */
  baseUrl: string;
  /** `embedded (…/.mcpist)` or `PostgreSQL`. */
  store: string;
  modules: readonly string[];
  skipped: number;
  users: number;
  /** Whether CLI commands reach this process through the admin channel. */
  channel: boolean;
  /** The one-time link that creates the first admin in the admin UI (only while there is no user). */
  setupUrl?: string;
}

/**
 * What a person at the terminal needs after `npm start`: where to point a
 * client, where health is, and — on a new install — the one command that
 * creates the first admin and a token.
 */
export function startBanner(facts: BannerFacts): string {
  const cli = 'npx mcpist';
  const lines = [
    '',
    `MCPist ${facts.version} is running`,
    `  MCP endpoint  ${facts.baseUrl}/mcp`,
    `  Health        ${facts.baseUrl}/health`,
    `  Store         ${facts.store}`,
    `  Modules       ${facts.modules.join(', ') || 'none'}${facts.skipped ? ` (${facts.skipped} skipped: ${cli} plugins list)` : ''}`,
  ];
  if (facts.setupUrl) {
    lines.push(
      '  Admin UI      open this one-time link to create the first admin (valid 24 h):',
      `                  ${facts.setupUrl}`,
    );
  } else {
    lines.push(`  Admin UI      ${facts.baseUrl}/ (sign in: ${cli} login-link --user you@example.com)`);
  }
  if (facts.users === 0) {
    lines.push(
      '  Users         none yet. Or, in another terminal, in this folder, create the first admin and their token:',
      `                  ${cli} token create --user you@example.com`,
      '                then connect a client, e.g. Claude Code:',
      `                  claude mcp add --transport http mcpist ${facts.baseUrl}/mcp --header "Authorization: Bearer <token>"`,
    );
  } else {
    lines.push(`  Users         ${facts.users} (${cli} status shows who has connected what)`);
  }
  if (!facts.channel) lines.push('  CLI           commands open the store themselves (DATABASE_URL)');
  lines.push('  Stop          Ctrl-C', '', '');
  return lines.join('\n');
}
