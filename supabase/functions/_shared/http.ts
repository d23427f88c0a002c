import { ErrorCodes } from '../../../core/src/errors/error-codes.js';
import { McpistError } from '../../../core/src/errors/mcpist-error.js';
import type { BrokerErrorBody } from '../../../core/src/neutral/broker-protocol.js';
import type { Caller, FunctionContext } from './context.js';

const STATUS: Partial<Record<number, number>> = {
  [ErrorCodes.INVALID_JWT]: 401,
  [ErrorCodes.JWT_EXPIRED]: 401,
  [ErrorCodes.UNAUTHORIZED]: 401,
  [ErrorCodes.INVALID_PARAMS]: 400,
  [ErrorCodes.TOKEN_REFRESH_FAILED]: 409,
};

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
}

/** A refusal in MCPist's error catalogue; `status` overrides the code's usual HTTP status (403). */
export function refusal(error: McpistError, status?: number): Response {
  const body: BrokerErrorBody = { error: error.toJSON() };
  return json(body, status ?? STATUS[error.code] ?? 500);
}

export const badRequest = (message: string, data?: Record<string, unknown>) =>
  new McpistError(ErrorCodes.INVALID_PARAMS, message, data ? { data } : {});

/** Thrown for a user naming another user: refused with 403. */
export class Forbidden extends McpistError {
  constructor(message: string) {
    super(ErrorCodes.UNAUTHORIZED, message);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A request's JSON object body, or a clear 400. */
export async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  if (request.method !== 'POST') throw badRequest('use POST with a JSON body');
  const text = await request.text();
  if (text.length > 64 * 1024) throw badRequest('the body is larger than 64 KiB');
  let body: unknown;
  try {
    body = text === '' ? {} : JSON.parse(text);
  } catch {
    throw badRequest('the body is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('the body must be an object');
  return body as Record<string, unknown>;
}

/** A string field, checked; undefined when absent and optional. */
export function field(
  body: Record<string, unknown>,
  name: string,
  check: { optional?: boolean; pattern?: RegExp; maxLength?: number } = {},
): string | undefined {
  const value = body[name];
  if (value === undefined && check.optional) return undefined;
  if (typeof value !== 'string' || value === '') throw badRequest(`${name} is required (a string)`, { field: name });
  if (value.length > (check.maxLength ?? 256) || (check.pattern && !check.pattern.test(value))) {
    throw badRequest(`${name} is not valid`, { field: name });
  }
  return value;
}

export const uuidField = (body: Record<string, unknown>, name: string, optional = false) =>
  field(body, name, { optional, pattern: UUID });

/**
 * The user a request is about: the one the server names, or the signed-in
 * user — who may name only themself (no user reads another's rows).
 */
export function subjectUser(caller: Caller, named: string | undefined): string {
  if (caller.kind === 'server') {
    if (!named) throw badRequest('user_id is required', { field: 'user_id' });
    return named;
  }
  if (named !== undefined && named.toLowerCase() !== caller.userId.toLowerCase()) {
    throw new Forbidden("a user token reads only its own user's data");
  }
  return caller.userId;
}

/** Runs a function's handler: its refusals as MCPist errors, anything else logged and answered without detail. */
export function handle(
  context: () => FunctionContext,
  handler: (request: Request, context: FunctionContext) => Promise<Response>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    try {
      return await handler(request, context());
    } catch (error) {
      if (error instanceof Forbidden) return refusal(error, 403);
      if (error instanceof McpistError) return refusal(error);
      // Only a configuration error's message is logged: others (a driver's, a provider's) might quote data.
      const name = (error as Error)?.name ?? 'unknown';
      const detail = name === 'ConfigurationError' ? (error as Error).message : undefined;
      console.error(JSON.stringify({ level: 'error', message: 'edge function failed', error: name, detail }));
      return refusal(new McpistError(ErrorCodes.INTERNAL_ERROR, 'the Edge Function failed; see its logs'));
    }
  };
}
