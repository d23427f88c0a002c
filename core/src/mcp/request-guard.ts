import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  InitializeRequestSchema,
  type JSONRPCErrorResponse,
  type JSONRPCMessage,
  ListToolsRequestSchema,
  PingRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { ErrorCodes, errorCodeName } from '../errors/error-codes.js';

/** The requests MCPist serves, by method; anything else is the SDK's "method not found". */
const REQUEST_SCHEMAS = {
  initialize: InitializeRequestSchema,
  ping: PingRequestSchema,
  'tools/list': ListToolsRequestSchema,
  'tools/call': CallToolRequestSchema,
} as const;

type RequestId = string | number;

function isRequestShaped(value: unknown): value is { id: RequestId; method: string; params?: unknown } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { id, method } = value as { id?: unknown; method?: unknown };
  return (typeof id === 'string' || typeof id === 'number') && typeof method === 'string';
}

function fieldOf(path: readonly PropertyKey[]): string {
  return path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
    .join('')
    .slice(1);
}

/**
 * The JSON-RPC error for a request to a method MCPist serves whose params do
 * not fit the method: -32602 naming the field, with `data.code` 2003. The SDK
 * would validate it too, but answers -32603 (or -32700) with a raw dump of
 * the schema issues; undefined for anything that is not such a request.
 */
export function malformedRequestError(message: unknown): JSONRPCErrorResponse | undefined {
  if (!isRequestShaped(message) || !Object.hasOwn(REQUEST_SCHEMAS, message.method)) return undefined;
  const schema = REQUEST_SCHEMAS[message.method as keyof typeof REQUEST_SCHEMAS];
  const parsed = schema.safeParse(message);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0];
  const field = (issue && fieldOf(issue.path)) || 'params';
  const reason = issue?.message ?? 'invalid';
  return {
    jsonrpc: '2.0',
    id: message.id,
    error: {
      code: ErrorCode.InvalidParams,
      message: `invalid ${message.method} request: ${field}: ${reason}`,
      data: { code: ErrorCodes.INVALID_PARAMS, name: errorCodeName(ErrorCodes.INVALID_PARAMS), field },
    },
  };
}

/**
 * Answers malformed requests arriving on `transport` before the server sees
 * them (stdio; over HTTP they are refused before the transport). Call after
 * `server.connect(transport)`, which installs the handler this one wraps.
 */
export function refuseMalformedRequests(transport: Transport): void {
  const deliver = transport.onmessage;
  transport.onmessage = (message: JSONRPCMessage, extra) => {
    const refusal = malformedRequestError(message);
    if (!refusal) {
      deliver?.(message, extra);
      return;
    }
    transport.send(refusal).catch((error: unknown) => transport.onerror?.(error as Error));
  };
}
