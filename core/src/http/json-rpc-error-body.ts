/** A JSON-RPC error response body for failures that happen before the MCP transport runs. */
export function jsonRpcErrorBody(code: number, message: string, data?: Record<string, unknown>) {
  return { jsonrpc: '2.0' as const, id: null, error: { code, message, ...(data ? { data } : {}) } };
}
