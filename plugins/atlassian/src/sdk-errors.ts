/**
 * What this package needs from an Atlassian SDK's `core` entry. jira.js and
 * confluence.js (one author, one design) export the same error classes and
 * predicates there, so a plugin passes its SDK's module as it is:
 * `import * as jiraCore from 'jira.js/core'`. Their errors carry each
 * package's own brand, so neither package's predicates recognise the other's
 * errors: the transport must throw, and the mapper must test, with the
 * plugin's own SDK.
 */
export interface AtlassianSdkErrors {
  ApiError: new (message: string, status: number, statusText: string, body: unknown) => Error;
  AuthError: new (message: string, statusText: string, body: unknown) => Error;
  /** A 401 naming a scope the grant lacks: a new consent fixes it, a refresh does not. */
  ScopeError: new (
    message: string,
    statusText: string,
    body: unknown,
  ) => Error;
  ForbiddenError: new (message: string, statusText: string, body: unknown) => Error;
  NotFoundError: new (message: string, statusText: string, body: unknown) => Error;
  RateLimitError: new (
    message: string,
    statusText: string,
    body: unknown,
    options?: { retryAfterMs?: number | undefined },
  ) => Error;
  ServerError: new (message: string, status: number, statusText: string, body: unknown) => Error;
  NetworkError: new (message: string, options: { cause: unknown; code?: string; transient: boolean }) => Error;
  isApiError(value: unknown): value is Error & { status: number; body: unknown };
  isRateLimitError(
    value: unknown,
  ): value is Error & { status: number; body: unknown; retryAfterMs?: number | undefined };
  isScopeError(value: unknown): boolean;
  isNetworkError(value: unknown): boolean;
  isSchemaMismatchError(value: unknown): boolean;
}
