/** Where a user (re)connects a service: the admin UI's services page, and the CLI for type-A tokens. */
export function connectHint(service: string, publicUrl: string | undefined): { url: string; text: string } {
  const base = (publicUrl ?? 'http://127.0.0.1:8088').replace(/\/+$/, '');
  const url = `${base}/profile/services?connect=${encodeURIComponent(service)}`;
  return {
    url,
    text: `open ${url} (or, for a token, run \`mcpist credential set ${service} --token -\`)`,
  };
}
