/**
 * A browser as the connect flow meets it: it keeps cookies per name, opens
 * MCPist's connect page, presses its button, follows the provider's redirect
 * and lands on the callback. Each instance is one browser; a second instance
 * is "another browser".
 */
export class TestBrowser {
  private readonly cookies = new Map<string, string>();

  /** `Cookie` header value for everything this browser holds (paths are not modelled). */
  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const index = pair?.indexOf('=') ?? -1;
      if (!pair || index <= 0) continue;
      const value = pair.slice(index + 1);
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === '') this.cookies.delete(pair.slice(0, index));
      else this.cookies.set(pair.slice(0, index), value);
    }
  }

  /** GET of MCPist's connect page: its status and HTML. */
  async open(connectUrl: string): Promise<{ status: number; html: string }> {
    const response = await fetch(connectUrl, { headers: { cookie: this.cookieHeader(), accept: 'text/html' } });
    return { status: response.status, html: await response.text() };
  }

  /** Presses "Continue" on the connect page: the provider's authorize URL it redirects to. */
  async continue(connectUrl: string): Promise<{ status: number; location: string | null }> {
    const url = new URL(connectUrl);
    const response = await fetch(new URL(url.pathname, url), {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: url.origin,
        cookie: this.cookieHeader(),
      },
      body: new URLSearchParams({ flow: url.searchParams.get('flow') ?? '' }).toString(),
    });
    this.keep(response);
    await response.arrayBuffer();
    return { status: response.status, location: response.headers.get('location') };
  }

  /** At the provider: approves (the fakes redirect at once) and returns the callback URL it sends the browser to. */
  async approve(authorizeUrl: string): Promise<string> {
    const response = await fetch(authorizeUrl, { redirect: 'manual' });
    await response.arrayBuffer();
    return response.headers.get('location') as string;
  }

  /** GET of MCPist's callback with this browser's cookies. */
  async callback(
    callbackUrl: string,
    options: { token?: string; accept?: string } = {},
  ): Promise<{ status: number; text: string; body: unknown }> {
    const headers: Record<string, string> = {
      accept: options.accept ?? 'application/json',
      cookie: this.cookieHeader(),
    };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const response = await fetch(callbackUrl, { headers });
    this.keep(response);
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: response.status, text, body };
  }

  /** The whole honest flow: page, button, provider, callback. */
  async connect(connectUrl: string, options: { token?: string; accept?: string } = {}) {
    const page = await this.open(connectUrl);
    if (page.status !== 200) throw new Error(`connect page answered ${page.status}`);
    const { location } = await this.continue(connectUrl);
    if (!location) throw new Error('the connect page did not redirect to the provider');
    const callbackUrl = await this.approve(location);
    return { callbackUrl, ...(await this.callback(callbackUrl, options)) };
  }
}
