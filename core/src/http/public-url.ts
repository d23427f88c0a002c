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
