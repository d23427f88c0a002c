/** Ready-made client configurations for a new API token (shown once, with it). */
export function clientConfigs(origin: string, token: string): { client: string; text: string }[] {
  const url = `${origin}/mcp`;
  const header = `Authorization: Bearer ${token}`;
  const http = { type: 'http', url, headers: { Authorization: `Bearer ${token}` } };
  return [
    { client: 'Claude Code', text: `claude mcp add --transport http mcpist ${url} --header "${header}"` },
    {
      client: 'Claude Desktop (HTTP)',
      text: JSON.stringify({ mcpServers: { mcpist: http } }, null, 2),
    },
    {
      client: 'Claude Desktop (stdio, through mcp-remote)',
      text: JSON.stringify(
        {
          mcpServers: {
            mcpist: { command: 'npx', args: ['-y', 'mcp-remote', url, '--header', header] },
          },
        },
        null,
        2,
      ),
    },
    {
      client: 'Cursor (~/.cursor/mcp.json)',
      text: JSON.stringify({ mcpServers: { mcpist: { url, headers: http.headers } } }, null, 2),
    },
    {
      client: 'MCP Inspector',
      text: `npx @modelcontextprotocol/inspector --transport http --server-url ${url} --header "${header}"`,
    },
  ];
}
