import {
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';
import { ErrorCodes } from '../errors/error-codes.js';
import { McpistError } from '../errors/mcpist-error.js';

/** Algorithms that need a shared secret or none at all: never accepted, whatever is configured. */
const FORBIDDEN_ALGORITHMS = /^(none|HS\d+)$/i;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** An issuer whose tokens MCPist accepts, and the keys that sign them. */
export interface TrustedIssuer {
  issuer: string;
  audience: string;
  algorithms: readonly string[];
  keys: JWTVerifyGetKey;
  /**
   * `external`: an identity provider; its subjects are linked to users through
   * auth_accounts. `own`: MCPist's own session tokens, whose `sub` is the user id.
   */
  kind: 'external' | 'own';
}

/** What a verified token says about its bearer. */
export interface VerifiedJwt {
  kind: TrustedIssuer['kind'];
  issuer: string;
  subject: string;
  email: string | undefined;
  /** False only when the provider says so explicitly. */
  emailVerified: boolean;
  expiresAt: number;
}

/** Remote JWKS with jose's refetch-on-unknown-`kid`, no more often than once per `cooldownMs`. */
export function remoteKeys(url: string, options: { cooldownMs?: number; timeoutMs?: number } = {}): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(url), {
    cooldownDuration: options.cooldownMs ?? 30_000,
    cacheMaxAge: 10 * 60_000,
    timeoutDuration: options.timeoutMs ?? 5_000,
  });
}

/** True when a bearer value has the three-part compact shape of a JWS. */
export function looksLikeJwt(value: string): boolean {
  return JWT_SHAPE.test(value);
}

const invalid = (message: string, cause?: unknown) =>
  new McpistError(ErrorCodes.INVALID_JWT, message, cause === undefined ? {} : { cause });

/**
 * Verifies JWTs from the trusted issuers (signature against the issuer's
 * JWKS, issuer, audience, expiry, algorithm allow-list). Refusals are
 * 1002 JWT_EXPIRED or 1001 INVALID_JWT; messages never repeat the token.
 */
export class JwtVerifier {
  private readonly issuers: Map<string, TrustedIssuer>;

  constructor(
    issuers: readonly TrustedIssuer[],
    private readonly clockToleranceSeconds = 30,
  ) {
    this.issuers = new Map(issuers.map((issuer) => [issuer.issuer, issuer]));
    for (const issuer of issuers) {
      const bad = issuer.algorithms.find((alg) => FORBIDDEN_ALGORITHMS.test(alg));
      if (bad) throw new Error(`JWT issuer ${issuer.issuer}: algorithm ${bad} is never accepted`);
    }
  }

  get trustedIssuers(): string[] {
    return [...this.issuers.keys()];
  }

  async verify(token: string): Promise<VerifiedJwt> {
    if (!looksLikeJwt(token)) throw invalid('the bearer token is not a JWT');
    let alg: string | undefined;
    let claimed: JWTPayload;
    try {
      alg = decodeProtectedHeader(token).alg;
      claimed = decodeJwt(token);
    } catch (error) {
      throw invalid('the JWT is malformed (its header or claims are not base64url JSON)', error);
    }
    if (!alg || FORBIDDEN_ALGORITHMS.test(alg)) throw invalid(`JWT algorithm "${alg ?? ''}" is not accepted`);
    const trusted = typeof claimed.iss === 'string' ? this.issuers.get(claimed.iss) : undefined;
    if (!trusted) throw invalid('the JWT issuer (iss) is not trusted by this server');
    if (!trusted.algorithms.includes(alg)) throw invalid(`JWT algorithm "${alg}" is not accepted`);

    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, trusted.keys, {
        issuer: trusted.issuer,
        audience: trusted.audience,
        algorithms: [...trusted.algorithms],
        clockTolerance: this.clockToleranceSeconds,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      throw mapJoseError(error);
    }
    return {
      kind: trusted.kind,
      issuer: trusted.issuer,
      subject: payload.sub as string,
      email: typeof payload.email === 'string' ? payload.email : undefined,
      emailVerified: payload.email_verified !== false,
      expiresAt: payload.exp as number,
    };
  }
}

function mapJoseError(error: unknown): McpistError {
  if (error instanceof errors.JWTExpired) {
    return new McpistError(ErrorCodes.JWT_EXPIRED, 'the JWT has expired; sign in again', { cause: error });
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return invalid(`the JWT claim "${error.claim}" is not valid (${error.reason})`, error);
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return invalid("no key of the issuer's JWKS matches the JWT's kid", error);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return invalid('the JWT signature is not valid', error);
  if (error instanceof errors.JOSEAlgNotAllowed) return invalid('the JWT algorithm is not accepted', error);
  if (
    error instanceof errors.JWKSTimeout ||
    error instanceof errors.JWKSInvalid ||
    !(error instanceof errors.JOSEError)
  ) {
    // The provider's keys could not be fetched: the token may be fine, so this is not the caller's fault.
    return new McpistError(ErrorCodes.INTERNAL_ERROR, "the identity provider's signing keys could not be fetched", {
      cause: error,
    });
  }
  return invalid('the JWT is not valid', error);
}
