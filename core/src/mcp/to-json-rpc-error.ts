import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { ErrorCodes } from '../errors/error-codes.js';
import type { McpistError } from '../errors/mcpist-error.js';

/**
 * An error the SDK sends as `{ code, message, data }`. Not an `McpError`:
 * that class prefixes its message with "MCP error <code>: " for display, the
 * server would send the prefixed text, and the client's `McpError` would add
 * the prefix a second time ("MCP error -32602: MCP error -32602: …").
 */
export class JsonRpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'JsonRpcError';
  }
}

/** An `McpError` (the SDK's, or one such as `UrlElicitationRequiredError`) with its display prefix removed. */
export function withoutDisplayPrefix(error: McpError): JsonRpcError {
  const prefix = `MCP error ${error.code}: `;
  const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  return new JsonRpcError(error.code, message, error.data);
}

/**
 * Protocol misuse (unknown module or tool, params failing the schema) becomes
 * a JSON-RPC error whose `data.code` is the MCPist code.
 */
export function toJsonRpcError(error: McpistError): JsonRpcError {
  const rpcCode =
    error.code === ErrorCodes.INTERNAL_ERROR
      ? ErrorCode.InternalError
      : error.code === ErrorCodes.UNAUTHORIZED
        ? ErrorCode.InvalidRequest
        : ErrorCode.InvalidParams;
  return new JsonRpcError(rpcCode, error.message, { code: error.code, name: error.codeName, ...error.data });
}

/** Runs a request handler, sending any `McpError` it throws without the display prefix. */
export async function sendingPlainErrors<T>(handler: () => Promise<T>): Promise<T> {
  try {
    return await handler();
  } catch (error) {
    throw error instanceof McpError ? withoutDisplayPrefix(error) : error;
  }
}
