import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js';

/** Where the authorization server sent the browser back: the query the client received. */
export interface Callback {
  code: string | null;
  state: string | null;
  iss: string | null;
  error: string | null;
}

/**
 * An MCP client's side of OAuth, as the official SDK asks for it: an
 * in-memory OAuthClientProvider with a loopback redirect URI served by a
 * small HTTP server that records each callback.
 */
export class OAuthTestClient implements OAuthClientProvider {
  authorizationUrl: URL | undefined;
  readonly callbacks: Callback[] = [];
  private info: OAuthClientInformationMixed | undefined;
  private saved: OAuthTokens | undefined;
  private verifier = '';
  private waiting: ((callback: Callback) => void) | undefined;

  private constructor(
    private readonly server: Server,
    readonly redirectUrl: string,
    private readonly options: { scope?: string; clientMetadataUrl?: string; name: string },
  ) {}

  static async start(options: { scope?: string; clientMetadataUrl?: string; name?: string } = {}) {
    let client: OAuthTestClient | undefined;
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const callback = {
        code: url.searchParams.get('code'),
        state: url.searchParams.get('state'),
        iss: url.searchParams.get('iss'),
        error: url.searchParams.get('error'),
      };
      client?.callbacks.push(callback);
      client?.waiting?.(callback);
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Done</title><h1>Signed in</h1>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new OAuthTestClient(server, `http://127.0.0.1:${port}/callback`, {
      name: options.name ?? 'Test MCP Client',
      ...options,
    });
    return client;
  }

  get clientMetadataUrl(): string | undefined {
    return this.options.clientMetadataUrl;
  }

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: this.options.name,
      redirect_uris: [this.redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      ...(this.options.scope ? { scope: this.options.scope } : {}),
    };
  }

  clientInformation() {
    return this.info;
  }

  saveClientInformation(info: OAuthClientInformationMixed): void {
    this.info = info;
  }

  tokens() {
    return this.saved;
  }

  saveTokens(tokens: OAuthTokens): void {
    this.saved = tokens;
  }

  redirectToAuthorization(url: URL): void {
    this.authorizationUrl = url;
  }

  saveCodeVerifier(verifier: string): void {
    this.verifier = verifier;
  }

  codeVerifier(): string {
    return this.verifier;
  }

  /** The next callback the browser brings. */
  nextCallback(): Promise<Callback> {
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
