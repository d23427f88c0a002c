import type { Principal } from '../../../core/src/auth/principal.js';
import type { ExchangeResponse } from '../../../core/src/neutral/broker-protocol.js';
import { type FunctionEnv, functionContext } from './context.js';
import { Forbidden, field, handle, json, jsonBody, uuidField } from './http.js';

const SERVICE = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/**
 * `token-exchanger` (spec-inf §3.3): the MCP server asks for a user's
 * credential for a service; the core's TokenBroker finds it (personal, else a
 * role's shared one), refreshes an OAuth token that is about to lapse — once
 * however many calls ask at the same moment — and decrypts it for this answer
 * only. Only the server may ask (TOKEN_BROKER_KEY): a user's JWT is refused.
 */
export function tokenExchanger(env: () => FunctionEnv): (request: Request) => Promise<Response> {
  return handle(
    () => functionContext(env),
    async (request, context) => {
      const caller = await context.authenticate(request);
      if (caller.kind !== 'server') throw new Forbidden('only the MCP server exchanges tokens (TOKEN_BROKER_KEY)');
      const body = await jsonBody(request);
      const userId = uuidField(body, 'user_id') as string;
      const service = field(body, 'service', { pattern: SERVICE }) as string;
      const email = field(body, 'email', { optional: true, maxLength: 320 }) ?? '';
      const rejected = field(body, 'rejected_token', { optional: true, maxLength: 16_384 });
      const principal: Principal = { userId, email, systemRole: 'user', via: 'jwt' };
      const resolved = rejected
        ? await context.broker.refreshRejectedToken(principal, service, rejected)
        : await context.broker.credentialFor(principal, service);
      const answer: ExchangeResponse = resolved
        ? {
            connected: true,
            account_id: resolved.accountId,
            scope: resolved.scope,
            credential: {
              kind: resolved.credential.kind,
              token: resolved.credential.token,
              fields: resolved.credential.fields,
              ...(resolved.credential.scopes ? { scopes: [...resolved.credential.scopes] } : {}),
            },
            expires_at: resolved.expiresAt ? resolved.expiresAt.toISOString() : null,
          }
        : { connected: false };
      return json(answer);
    },
  );
}
