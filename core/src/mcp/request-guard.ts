import {
  type JSONRPCErrorResponse,
  type JSONRPCMessage,
  type MessageExtraInfo,
  ProtocolErrorCode,
  specTypeSchemas,
  type Transport,
  type TransportSendOptions,
} from '@modelcontextprotocol/server';
import { ErrorCodes, errorCodeName } from '../errors/error-codes.js';

/** The requests MCPist serves whose params are checked here, by method; anything else is left to the SDK. */
const REQUEST_SCHEMAS = {
  initialize: specTypeSchemas.InitializeRequest,
  ping: specTypeSchemas.PingRequest,
  'tools/list': specTypeSchemas.ListToolsRequest,
  'tools/call': specTypeSchemas.CallToolRequest,
} as const;

type RequestId = string | number;
type PathSegment = PropertyKey | { key: PropertyKey };

function isRequestShaped(value: unknown): value is { id: RequestId; method: string; params?: unknown } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { id, method } = value as { id?: unknown; method?: unknown };
  return (typeof id === 'string' || typeof id === 'number') && typeof method === 'string';
}

function fieldOf(path: readonly PathSegment[]): string {
  return path
    .map((segment) => (typeof segment === 'object' ? segment.key : segment))
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
    .join('')
    .slice(1);
}

/**
 * The JSON-RPC error for a request to a method MCPist serves whose params do
 * not fit the method: -32602 naming the field, with `data.code` 2003. The SDK
 * would validate it too, but answers with a raw dump of the schema issues;
 * undefined for anything that is not such a request.
 */
export function malformedRequestError(message: unknown): JSONRPCErrorResponse | undefined {
  if (!isRequestShaped(message) || !Object.hasOwn(REQUEST_SCHEMAS, message.method)) return undefined;
  const schema = REQUEST_SCHEMAS[message.method as keyof typeof REQUEST_SCHEMAS];
  const checked = schema['~standard'].validate(message);
  if (!checked.issues) return undefined;
  const issue = checked.issues[0];
  const field = (issue?.path && fieldOf(issue.path)) || 'params';
  const reason = issue?.message ?? 'invalid';
  return {
    jsonrpc: '2.0',
    id: message.id,
    error: {
      code: ProtocolErrorCode.InvalidParams,
      message: `invalid ${message.method} request: ${field}: ${reason}`,
      data: { code: ErrorCodes.INVALID_PARAMS, name: errorCodeName(ErrorCodes.INVALID_PARAMS), field },
    },
  };
}

type MessageHandler = (message: JSONRPCMessage, extra?: MessageExtraInfo) => void;

/**
 * A transport that answers malformed requests itself before the server sees
 * them (stdio; over HTTP they are refused before the SDK's handler), and
 * passes everything else through.
 */
export class GuardedTransport implements Transport {
  private deliver: MessageHandler | undefined;
  private closeHandler: (() => void) | undefined;

  /** `afterClose` runs once the transport has closed and whoever connected it has been told. */
  constructor(
    private readonly inner: Transport,
    private readonly afterClose?: () => void,
  ) {
    inner.onclose = () => {
      this.closeHandler?.();
      this.afterClose?.();
    };
    inner.onmessage = (message: JSONRPCMessage, extra?: MessageExtraInfo) => {
      const refusal = malformedRequestError(message);
      if (!refusal) {
        this.deliver?.(message, extra);
        return;
      }
      inner.send(refusal).catch((error: unknown) => inner.onerror?.(error as Error));
    };
  }

  get onmessage(): MessageHandler | undefined {
    return this.deliver;
  }
  set onmessage(handler: MessageHandler | undefined) {
    this.deliver = handler;
  }
  get onclose(): (() => void) | undefined {
    return this.closeHandler;
  }
  set onclose(handler: (() => void) | undefined) {
    this.closeHandler = handler;
  }
  get onerror(): ((error: Error) => void) | undefined {
    return this.inner.onerror;
  }
  set onerror(handler: ((error: Error) => void) | undefined) {
    this.inner.onerror = handler;
  }

  start(): Promise<void> {
    return this.inner.start();
  }
  setProtocolVersion(version: string): void {
    this.inner.setProtocolVersion?.(version);
  }
  send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    return this.inner.send(message, options);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}
