import { ErrorCodes } from '../errors/error-codes.js';
import { McpistError } from '../errors/mcpist-error.js';
import { API_TOKEN_PREFIX, hashApiToken, looksLikeApiToken } from './api-token.js';
import type { JwtSignIn } from './jwt-sign-in.js';
import { looksLikeJwt } from './jwt-verifier.js';
import type { Principal } from './principal.js';
import type { TokenOwners } from './token-owner-cache.js';
import type { VerifiesJwt } from './verified-jwt-cache.js';

const TOUCH_INTERVAL_MS = 60_000;

/** Verifies JWTs and maps them to users; without it, only API tokens are accepted. */
export interface JwtAuthentication {
  verifier: VerifiesJwt;
  signIn: JwtSignIn;
}

/** Access tokens from MCPist's own authorization server (ADR 0041). */
export interface AccessTokenAuthentication {
  principalFor(token: string): Promise<Principal>;
}

/**
 * Turns an `Authorization` header into a principal: an `mcpist_…` API token,
 * a JWT from a trusted issuer, or an access token MCPist's authorization
 * server issued to an MCP client. Refuses with 1003 UNAUTHORIZED (no or
 * unknown credentials, a subject not allowed), 1001 INVALID_JWT or
 * 1002 JWT_EXPIRED.
 */
export class Authenticator {
  private readonly lastTouched = new Map<string, number>();

  constructor(
    private readonly tokens: TokenOwners,
    private readonly jwt?: JwtAuthentication,
    private readonly accessTokens?: AccessTokenAuthentication,
  ) {}

  async authenticate(authorization: string | undefined): Promise<Principal> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match?.[1]) {
      throw new McpistError(ErrorCodes.UNAUTHORIZED, 'missing bearer token: send "Authorization: Bearer <token>"');
    }
    const token = match[1];
    if (this.jwt && !token.startsWith(API_TOKEN_PREFIX) && looksLikeJwt(token)) {
      return this.jwt.signIn.principalFor(await this.jwt.verifier.verify(token));
    }
    if (this.accessTokens && !token.startsWith(API_TOKEN_PREFIX) && !looksLikeJwt(token)) {
      return this.accessTokens.principalFor(token);
    }
    if (!looksLikeApiToken(token)) {
      throw new McpistError(
        ErrorCodes.UNAUTHORIZED,
        this.jwt
          ? 'the bearer token is neither an MCPist API token nor a JWT'
          : 'the bearer token is not a valid MCPist API token',
      );
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
