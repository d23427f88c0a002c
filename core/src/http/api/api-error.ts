import type { Response } from 'express';
import { type ErrorCode, ErrorCodes, errorCodeName } from '../../errors/error-codes.js';

/** One problem with a request, named by the field it concerns (`enabled_modules[1]`, `query.limit`). */
export interface ApiIssue {
  field: string;
  message: string;
}

/**
 * A refusal the admin API answers with: an HTTP status plus a code from the
 * error catalogue. The HTTP status says what kind of refusal it is (400, 401,
 * 403, 404, 409); the code keeps the MCP side's vocabulary (see ADR 0013).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly issues: readonly ApiIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  static badRequest(issues: readonly ApiIssue[]): ApiError {
    const first = issues[0];
    const message = first ? `${first.field}: ${first.message}` : 'invalid request';
    return new ApiError(400, ErrorCodes.INVALID_PARAMS, message, issues);
  }

  static invalidField(field: string, message: string): ApiError {
    return ApiError.badRequest([{ field, message }]);
  }

  static forbidden(message = 'this route is for administrators only'): ApiError {
    return new ApiError(403, ErrorCodes.UNAUTHORIZED, message);
  }

  static notFound(what: string): ApiError {
    return new ApiError(404, ErrorCodes.INVALID_PARAMS, `${what} not found`);
  }

  static conflict(message: string): ApiError {
    return new ApiError(409, ErrorCodes.INVALID_PARAMS, message);
  }
}

/** The API's error body: `{ error: { code, name, message, field?, issues? } }`. */
export function apiErrorBody(code: ErrorCode, message: string, issues: readonly ApiIssue[] = []) {
  return {
    error: {
      code,
      name: errorCodeName(code),
      message,
      ...(issues[0] ? { field: issues[0].field, issues } : {}),
    },
  };
}

export function sendApiError(res: Response, error: ApiError): void {
  res.status(error.status).json(apiErrorBody(error.code, error.message, error.issues));
}
