/** Host names that mean "this machine only". */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * The server's public base URL: `publicUrl` from config, else the address it
 * listens on (a wildcard address becomes `localhost`). Never derived from a
 * request's Host or X-Forwarded-* headers, which a client controls.
 */
export function publicBaseUrl(configured: string | undefined, host: string, port: number): string {
  if (configured) return configured.replace(/\/+$/, '');
  const name = host === '0.0.0.0' || host === '::' || host === '' ? 'localhost' : host;
  return `http://${name.includes(':') && !name.startsWith('[') ? `[${name}]` : name}:${port}`;
}

/**
 * The spellings of a loopback public URL that reach the same server: with
 * `http://127.0.0.1:8088`, also `http://localhost:8088` and
 * `http://[::1]:8088` (same port and path), the given one first. Any other
 * public URL has only itself. An MCP client compares the protected resource
 * it is told with the URL it was given (RFC 9728), and people type
 * `localhost` as often as `127.0.0.1`.
 */
export function loopbackAliases(url: string): readonly string[] {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' || !LOOPBACK_HOSTS.has(parsed.hostname)) return [url];
  const port = parsed.port ? `:${parsed.port}` : '';
  const path = parsed.pathname === '/' && !url.endsWith('/') ? '' : parsed.pathname;
  const spellings = ['127.0.0.1', 'localhost', '[::1]'].map((host) => `http://${host}${port}${path}`);
  return [url, ...spellings.filter((spelling) => spelling !== url)];
}

/**
 * The public base URL as this request reached it: one of the loopback
 * spellings of a loopback public URL when the request's Host is one of them
 * (a fixed set, so a client cannot make it say anything else), else the
 * public URL.
 */
export function publicBaseUrlFor(req: { get(name: string): string | undefined }, publicUrl: string): string {
  const aliases = loopbackAliases(publicUrl);
  if (aliases.length === 1) return publicUrl;
  const host = req.get('host')?.toLowerCase();
  return aliases.find((alias) => new URL(alias).host === host) ?? publicUrl;
}
