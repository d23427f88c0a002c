import type { Principal } from '../auth/principal.js';
import type { OAuthFlow } from '../neutral/oauth-flow.js';
import type { OAuthProviders } from '../neutral/oauth-providers.js';

/**
 * Where a user connects a service right now: MCPist's connect page of a
 * fresh connect flow bound to them (it names the account, then redirects), when the service speaks OAuth and an
 * admin configured its app. Owned by the MCP layer (missing-credential
 * answers and URL elicitation).
 */
export interface ConnectLinks {
  connectUrl(principal: Principal, service: string, baseUrl: string): Promise<string | undefined>;
}

export class OAuthConnectLinks implements ConnectLinks {
  constructor(
    private readonly providers: OAuthProviders,
    private readonly flow: OAuthFlow,
  ) {}

  async connectUrl(principal: Principal, service: string, baseUrl: string): Promise<string | undefined> {
    if (!this.providers.supports(service) || !(await this.providers.get(service))) return undefined;
    const { connectUrl } = await this.flow.start({ userId: principal.userId, roleId: null, service, baseUrl });
    return connectUrl;
  }
}
