import { createHash, randomBytes } from 'node:crypto';

/** A browser as far as MCPist's sign-in and consent pages need one: cookies, redirects, and its Origin on POSTs. */
export class FetchBrowser {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly origin: string) {}

  private header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair?.indexOf('=') ?? -1;
      if (!pair || index <= 0) continue;
      const value = pair.slice(index + 1);
      if (/expires=thu, 01 jan 1970/i.test(line) || value === '') this.cookies.delete(pair.slice(0, index));
      else this.cookies.set(pair.slice(0, index), value);
    }
  }

  async get(url: string): Promise<Response> {
    const response = await fetch(new URL(url, this.origin), { redirect: 'manual', headers: { cookie: this.header() } });
    this.keep(response);
    return response;
  }

  async post(path: string, form: Record<string, string>, headers: Record<string, string> = { origin: this.origin }) {
    const response = await fetch(new URL(path, this.origin), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: this.header(), ...headers },
      body: new URLSearchParams(form).toString(),
    });
    this.keep(response);
    return response;
  }
}

export function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface AuthorizeOptions {
  clientId: string;
  redirectUri: string;
  challenge?: string;
  scope?: string;
  resource?: string;
  state?: string;
  /** The API token the user signs in with. */
  token: string;
  access?: 'full' | 'read';
  decision?: 'allow' | 'deny';
}

/**
 * Walks the authorization endpoint as a browser would — signs in with an API
 * token, answers the consent page — and returns where MCPist finally sends
 * the browser (the client's redirect URI with `code` or `error`), or the
 * page it stopped at.
 */
export async function authorizeByFetch(
  browser: FetchBrowser,
  options: AuthorizeOptions,
): Promise<{ location?: URL; status: number; html?: string }> {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
    ...(options.challenge ? { code_challenge: options.challenge, code_challenge_method: 'S256' } : {}),
    ...(options.scope ? { scope: options.scope } : {}),
    ...(options.resource ? { resource: options.resource } : {}),
    state: options.state ?? 'st',
  });
  let response = await browser.get(`/oauth/authorize?${query}`);
  for (let step = 0; step < 12; step++) {
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, response.url || 'http://x.invalid');
      if (location.startsWith(options.redirectUri.split('?')[0] as string)) {
        await response.arrayBuffer();
        return { location: new URL(location), status: response.status };
      }
      await response.arrayBuffer();
      response = await browser.get(next.pathname + next.search);
      continue;
    }
    const html = await response.text();
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    if (response.status !== 200 || !action) return { status: response.status, html };
    response = action.endsWith('/login')
      ? await browser.post(action, { token: options.token })
      : await browser.post(action, { decision: options.decision ?? 'allow', access: options.access ?? 'full' });
  }
  throw new Error('authorizeByFetch: too many steps');
}

export async function registerClient(base: string, metadata: Record<string, unknown>) {
  const response = await fetch(new URL('/oauth/register', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      ...metadata,
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export async function tokenRequest(base: string, form: Record<string, string>) {
  const response = await fetch(new URL('/oauth/token', base), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}
