import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { expect } from 'vitest';

/** The JSON-RPC error a request of the official (v1) SDK client was answered with; fails if it succeeded. */
export async function rpcError(promise: Promise<unknown>): Promise<McpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(McpError);
  return error as McpError;
}
