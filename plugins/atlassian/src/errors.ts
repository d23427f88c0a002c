import {
  AuthInvalidError,
  type ErrorMappingContext,
  errorFromHttpStatus,
  InvalidInputError,
  RateLimitedError,
  UpstreamPermanentError,
  unreachableError,
} from '@mcpist/plugin-sdk';
import type { AtlassianSdkErrors } from './sdk-errors.js';

const MAX_MESSAGE_LENGTH = 200;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** Jira's ErrorCollection: `{ errorMessages: [...], errors: { field: text } }`. */
function errorCollection(body: Record<string, unknown>, inputFields: Readonly<Record<string, string>>) {
  const parts: string[] = [];
  let field: string | undefined;
  const { errorMessages, errors } = body;
  if (Array.isArray(errorMessages)) parts.push(...errorMessages.filter((m): m is string => typeof m === 'string'));
  if (typeof errors === 'object' && errors !== null && !Array.isArray(errors)) {
    for (const [name, explanation] of Object.entries(errors)) {
      field ??= inputFields[name] ?? name;
      parts.push(`${name}: ${String(explanation)}`);
    }
  }
  return { detail: parts.join('; ') || undefined, field };
}

/** Confluence v2's `{ errors: [{ title, detail, code }] }`: the first entry. */
function errorList(body: Record<string, unknown>): string | undefined {
  const first = Array.isArray(body.errors) ? record(body.errors[0]) : undefined;
  if (!first) return undefined;
  return [text(first.title), text(first.detail)].filter(Boolean).join(': ') || text(first.code);
}

/**
 * An Atlassian error body in words, with the field it blames: Jira's
 * ErrorCollection (`errors` keys translated through `inputFields` to the
 * tool's input names), Confluence v2's error list, v1's and the gateway's
 * `{ message }`, v1's nested `data.errors[].message.translation`, or plain
 * text that is not HTML. Never headers or request data, so no credential can
 * reach the message.
 */
export function describeAtlassianError(
  product: string,
  status: number,
  body: unknown,
  inputFields: Readonly<Record<string, string>> = {},
): { message: string; field?: string } {
  const data = record(body);
  const collection = errorCollection(data, inputFields);
  const nested = record(data.data).errors;
  const detail =
    collection.detail ??
    errorList(data) ??
    text(data.message) ??
    text(record(record(Array.isArray(nested) ? nested[0] : undefined).message).translation) ??
    (typeof body === 'string' && !body.trimStart().startsWith('<') ? text(body) : undefined);
  const message = `${product}: ${(detail ?? `HTTP ${status}`).slice(0, MAX_MESSAGE_LENGTH)}`;
  return collection.field ? { message, field: collection.field } : { message };
}

/** How an Atlassian plugin's errors are mapped; only `product` and `sdk` are required. */
export interface AtlassianErrorMapping {
  /** Display name in messages, e.g. `Jira`. */
  product: string;
  /** The plugin's SDK core module: its predicates recognise only its own errors. */
  sdk: AtlassianSdkErrors;
  /** Upstream field names in error bodies → the tools' input names, so InvalidInputError names what to fix. */
  inputFields?: Readonly<Record<string, string>>;
  /** The input each tool's 400 blames when the body names no field, keyed by tool name. */
  blamedByTool?: Readonly<Record<string, string>>;
}

/** A plugin's `mapError`; `blamed` overrides `blamedByTool` (for deprecated per-call wrappers). */
export type AtlassianErrorMapper = (error: unknown, context?: ErrorMappingContext, blamed?: string) => unknown;

/**
 * Builds an Atlassian plugin's `mapError`: what its SDK threw → the plugin
 * SDK's typed errors. 429 → rate limited (Retry-After or X-RateLimit-Reset);
 * 401 → auth invalid (a missing scope says so); 400/422 → invalid input naming
 * the field; 404 → not found; 5xx → transient; other 4xx → permanent; network
 * failures → transient (not delivered when refused); a 2xx that is not the
 * API's JSON → permanent. Typed errors and the caller's abort never reach it
 * (the SDK lets them through first); bugs are returned unchanged.
 */
export function atlassianErrorMapper(mapping: AtlassianErrorMapping): AtlassianErrorMapper {
  const { product, sdk } = mapping;
  return (error, context, blamedOverride) => {
    if (sdk.isApiError(error)) {
      const { status } = error;
      const { message, field } = describeAtlassianError(product, status, error.body, mapping.inputFields);
      if (sdk.isRateLimitError(error)) {
        return new RateLimitedError(message, { status, retryAfterMs: error.retryAfterMs, cause: error });
      }
      if (sdk.isScopeError(error)) {
        const consent = 'the Atlassian connection lacks a scope this tool needs: reconnect';
        return new AuthInvalidError(`${message} (${consent})`, { status, cause: error });
      }
      if (status === 400 || status === 422) {
        const blamed = blamedOverride ?? (context ? mapping.blamedByTool?.[context.tool] : undefined);
        return new InvalidInputError(message, { status, field: field ?? blamed, cause: error });
      }
      return errorFromHttpStatus({ status, message, cause: error });
    }
    if (sdk.isNetworkError(error)) return unreachableError(product, error);
    if (sdk.isSchemaMismatchError(error)) {
      return new UpstreamPermanentError(
        `${product} answered with something that is not its JSON API, or in a shape this plugin does not understand: check the site field or the base URL override`,
        { cause: error },
      );
    }
    return error;
  };
}
