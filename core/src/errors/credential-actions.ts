/**
 * How a user stores a service token, in words that work while the server
 * runs: the CLI (through the admin channel; the token read from standard
 * input, never put on a command line) or the admin API.
 */
export function storeTokenActions(service: string, email?: string): string {
  const user = email ? ` --user ${email}` : ' --user <your email>';
  return (
    `on the MCPist server's machine run \`printf '%s' "$TOKEN" | npx mcpist credential set ${service} --token -${user}\`, ` +
    `or send the token to PUT /api/profile/services/${service}/token with your MCPist token`
  );
}
