/** MCPist's error catalogue (DESIGN §7). The numbers are part of the public contract. */
export const ErrorCodes = {
  INVALID_JWT: 1001,
  JWT_EXPIRED: 1002,
  UNAUTHORIZED: 1003,
  INVALID_MODULE: 2001,
  INVALID_TOOL: 2002,
  INVALID_PARAMS: 2003,
  EXTERNAL_API_ERROR: 3001,
  TOKEN_REFRESH_FAILED: 3002,
  RATE_LIMITED: 3003,
  INTERNAL_ERROR: 4001,
  TIMEOUT: 4002,
} as const;

export type ErrorCodeName = keyof typeof ErrorCodes;
export type ErrorCode = (typeof ErrorCodes)[ErrorCodeName];

const names = new Map<number, ErrorCodeName>(
  Object.entries(ErrorCodes).map(([name, code]) => [code, name as ErrorCodeName]),
);

/** The symbolic name of a numeric code, e.g. 2002 → `INVALID_TOOL`. */
export function errorCodeName(code: ErrorCode): ErrorCodeName {
  return names.get(code) ?? 'INTERNAL_ERROR';
}
