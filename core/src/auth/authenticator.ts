import { ErrorCodes } from '../errors/error-codes.js';
import { McpistError } from '../errors/mcpist-error.js';
import type { ApiTokensRepository } from '../store/repositories/api-tokens-repository.js';
import { hashApiToken, looksLikeApiToken } from './api-token.js';
import type { Principal } from './principal.js';

const TOUCH_INTERVAL_MS = 60_000;

/** Turns an `Authorization` header into a principal, or refuses with 1003 UNAUTHORIZED. */
export class Authenticator {
  private readonly lastTouched = new Map<string, number>();

  constructor(private readonly tokens: ApiTokensRepository) {}

  async authenticate(authorization: string | undefined): Promise<Principal> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match?.[1]) {
      throw new McpistError(ErrorCodes.UNAUTHORIZED, 'missing bearer token: send "Authorization: Bearer <token>"');
    }
    const token = match[1];
    if (!looksLikeApiToken(token)) {
      throw new McpistError(ErrorCodes.UNAUTHORIZED, 'the bearer token is not a valid MCPist API token');
    }
    const owner = await this.tokens.findOwner(hashApiToken(token));
    if (!owner) throw new McpistError(ErrorCodes.UNAUTHORIZED, 'unknown or revoked API token');
    this.touch(owner.token_id);
    return {
      userId: owner.user_id,
      email: owner.email,
      systemRole: owner.system_role,
      via: 'api_token',
      tokenId: owner.token_id,
    };
  }

  /** Records last use at most once a minute per token, off the request path. */
  private touch(tokenId: string): void {
    const now = Date.now();
    if (now - (this.lastTouched.get(tokenId) ?? 0) < TOUCH_INTERVAL_MS) return;
    this.lastTouched.set(tokenId, now);
    this.tokens.touch(tokenId).catch(() => {});
  }
}
