import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';
import { ErrorCodes } from '../errors/error-codes.js';
import type { McpistError } from '../errors/mcpist-error.js';

/**
 * Protocol misuse (unknown module or tool, params failing the schema) becomes
 * a JSON-RPC error whose `data.code` is the MCPist code. The SDK sends a
 * `ProtocolError` as `{ code, message, data }`, message unprefixed.
 */
export function toJsonRpcError(error: McpistError): ProtocolError {
  const rpcCode =
    error.code === ErrorCodes.INTERNAL_ERROR
      ? ProtocolErrorCode.InternalError
      : error.code === ErrorCodes.UNAUTHORIZED
        ? ProtocolErrorCode.InvalidRequest
        : ProtocolErrorCode.InvalidParams;
  return new ProtocolError(rpcCode, error.message, { code: error.code, name: error.codeName, ...error.data });
}
