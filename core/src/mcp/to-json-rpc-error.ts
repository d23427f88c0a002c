import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { ErrorCodes } from '../errors/error-codes.js';
import type { McpistError } from '../errors/mcpist-error.js';

/**
 * Protocol misuse (unknown module or tool, params failing the schema) becomes
 * a JSON-RPC error whose `data.code` is the MCPist code.
 */
export function toJsonRpcError(error: McpistError): McpError {
  const rpcCode =
    error.code === ErrorCodes.INTERNAL_ERROR
      ? ErrorCode.InternalError
      : error.code === ErrorCodes.UNAUTHORIZED
        ? ErrorCode.InvalidRequest
        : ErrorCode.InvalidParams;
  return new McpError(rpcCode, error.message, { code: error.code, name: error.codeName, ...error.data });
}
