import type Provider from 'oidc-provider';
import type { Principal } from '../auth/principal.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { McpistError } from '../errors/mcpist-error.js';
import { loopbackAliases } from '../http/public-url.js';
import type { UsersRepository } from '../store/repositories/users-repository.js';
import { grantScopeOf } from './scopes.js';

const refuse = (message: string) => new McpistError(ErrorCodes.UNAUTHORIZED, message);

/**
 * Access tokens MCPist issued to MCP clients, turned into principals: the
 * token must be live (a revoked grant deletes its tokens), issued for this
 * MCP endpoint (its audience), and carry an MCP scope; the user must exist.
 */
export class OAuthAccessTokens {
  constructor(
    private readonly provider: Provider,
    private readonly resource: string,
    private readonly users: UsersRepository,
  ) {}

  async principalFor(token: string): Promise<Principal> {
    const accessToken = await this.provider.AccessToken.find(token);
    if (!accessToken) throw refuse('unknown, expired or revoked access token');
    const audiences = [accessToken.aud ?? []].flat();
    const resources = loopbackAliases(this.resource);
    if (!audiences.some((audience) => resources.includes(audience))) {
      throw refuse('the access token was issued for another resource');
    }
    const scope = grantScopeOf(String(accessToken.scope ?? '').split(' '));
    if (!scope) throw refuse('the access token grants no MCP scope');
    const user = await this.users.findById(String(accessToken.accountId));
    if (!user) throw refuse('the access token’s user no longer exists');
    return {
      userId: user.id,
      email: user.email,
      systemRole: user.system_role,
      via: 'oauth',
      scope,
      grantId: String(accessToken.grantId),
      clientId: String(accessToken.clientId),
    };
  }
}
