import type { AccessTokenAuthentication } from '../auth/authenticator.js';
import type { Principal } from '../auth/principal.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { McpistError } from '../errors/mcpist-error.js';

/**
 * The authorization server's access tokens, for the authenticator. The
 * authorization server is built once the HTTP server knows its public URL
 * (its issuer), after the container: until then, and when it is switched
 * off, such a token is simply unknown.
 */
export class LateAccessTokens implements AccessTokenAuthentication {
  private bound: AccessTokenAuthentication | undefined;

  bind(tokens: AccessTokenAuthentication): void {
    this.bound = tokens;
  }

  principalFor(token: string): Promise<Principal> {
    if (!this.bound) {
      return Promise.reject(
        new McpistError(ErrorCodes.UNAUTHORIZED, 'the bearer token is not a valid MCPist API token'),
      );
    }
    return this.bound.principalFor(token);
  }
}
