import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { ErrorCodes } from '../errors/error-codes.js';
import { malformedRequestError } from '../mcp/request-guard.js';
import { apiErrorBody } from './api/api-error.js';
import { fieldName } from './api/define-route.js';
import { jsonRpcErrorBody } from './json-rpc-error-body.js';

/**
 * How deep a request body may nest. Nothing MCPist or its plugins accept comes
 * close; the limit exists because recursive code further on (schema checks,
 * `JSON.stringify`) overflows the stack at a few thousand levels.
 */
export const MAX_JSON_DEPTH = 64;

/** One input a request cannot be served with: where (`display_name`, `fields.site`, `event`) and why. */
export interface InputProblem {
  field: string;
  message: string;
}

/**
 * PostgreSQL `text` and `jsonb` cannot hold U+0000, and a lone UTF-16
 * surrogate would be stored as U+FFFD: either way the value is not what was
 * sent, so it is refused before it reaches the store.
 */
function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character (\\u0000), which cannot be stored';
  if (!text.isWellFormed()) return 'contains an unpaired UTF-16 surrogate, which cannot be stored';
  return undefined;
}

/**
 * The first string (value or key) that cannot be stored, or the first place
 * nested deeper than `maxDepth`. Walks with an explicit stack, so a hostile
 * nesting depth cannot overflow the call stack here.
 */
export function findInputProblem(
  value: unknown,
  options: { root: string; maxDepth?: number; checkText?: boolean },
): InputProblem | undefined {
  const { root, maxDepth = MAX_JSON_DEPTH, checkText = true } = options;
  // Each entry names its parent and key; a path is spelled out only for the one problem found.
  type Entry = { value: unknown; depth: number; parent: Entry | undefined; key: PropertyKey };
  const pathOf = (entry: Entry | undefined, last?: PropertyKey): PropertyKey[] => {
    const path: PropertyKey[] = last === undefined ? [] : [last];
    for (let at = entry; at?.parent; at = at.parent) path.unshift(at.key);
    return path;
  };
  const name = (path: PropertyKey[]) => fieldName(path) || root;
  const stack: Entry[] = [{ value, depth: 0, parent: undefined, key: '' }];
  while (stack.length > 0) {
    const entry = stack.pop() as Entry;
    const current = entry.value;
    if (typeof current === 'string') {
      const problem = checkText ? textProblem(current) : undefined;
      if (problem) return { field: name(pathOf(entry)), message: problem };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (entry.depth >= maxDepth) {
      return { field: name(pathOf(entry)), message: `nests deeper than ${maxDepth} levels` };
    }
    const depth = entry.depth + 1;
    // Pushed last to first, so the first offending field in document order is the one named.
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], depth, parent: entry, key: i });
      continue;
    }
    const keys = Object.keys(current);
    if (checkText) {
      for (const key of keys) {
        const problem = textProblem(key);
        if (problem) return { field: name(pathOf(entry, key)), message: `key ${problem}` };
      }
    }
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      stack.push({ value: (current as Record<string, unknown>)[key], depth, parent: entry, key });
    }
  }
  return undefined;
}

/** The decoded URL path segments, which route parameters (`/modules/{name}`) are taken from. */
function pathProblem(path: string): InputProblem | undefined {
  for (const segment of path.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return { field: 'path', message: 'is not valid percent-encoded UTF-8' };
    }
    const problem = textProblem(decoded);
    if (problem) return { field: 'path', message: problem };
  }
  return undefined;
}

/**
 * `/api`: the first path segment, query parameter or JSON body field holding
 * text PostgreSQL cannot store, or nesting past `MAX_JSON_DEPTH`. Checked for
 * every route before its handler runs (see api-router), so a new route or
 * field cannot forget it.
 */
export function unstorableInputProblem(req: Request): InputProblem | undefined {
  return (
    pathProblem(req.path) ??
    findInputProblem(req.query, { root: 'query' }) ??
    (req.body === undefined ? undefined : findInputProblem(req.body, { root: 'body' }))
  );
}

/**
 * `/mcp`: refuses, before the MCP transport parses it, a body nested past
 * `MAX_JSON_DEPTH`, an empty JSON-RPC batch, or a request whose params do not
 * fit its method (-32602 naming the field, where the SDK would answer -32603
 * or -32700 with a raw schema dump).
 */
export const refuseMalformedJsonRpc: RequestHandler = (req, res, next) => {
  const body: unknown = req.body;
  if (body === undefined) {
    next();
    return;
  }
  const deep = findInputProblem(body, { root: 'body', checkText: false });
  if (deep) {
    const data = { code: ErrorCodes.INVALID_PARAMS, field: deep.field };
    res.status(400).json(jsonRpcErrorBody(-32600, `invalid request: ${deep.field} ${deep.message}`, data));
    return;
  }
  if (Array.isArray(body) && body.length === 0) {
    res.status(400).json(jsonRpcErrorBody(-32600, 'invalid request: an empty JSON-RPC batch'));
    return;
  }
  const refusals = (Array.isArray(body) ? body : [body]).flatMap((message) => malformedRequestError(message) ?? []);
  if (refusals.length === 0) {
    next();
    return;
  }
  res.status(400).json(Array.isArray(body) ? refusals : refusals[0]);
};

/** A request body express could not read, as the 4xx to answer; undefined for any other error. */
export function bodyErrorOf(
  error: unknown,
  contentEncoding: string | undefined,
): { status: number; message: string; jsonRpcCode: number } | undefined {
  const { type, status, limit, encoding, charset } = (error ?? {}) as {
    type?: string;
    status?: number;
    limit?: number;
    encoding?: string;
    charset?: string;
  };
  switch (type) {
    case 'entity.too.large':
      return { status: 413, message: `request body too large: the limit is ${limit} bytes`, jsonRpcCode: -32600 };
    case 'entity.parse.failed':
      return { status: 400, message: 'parse error: the request body is not valid JSON', jsonRpcCode: -32700 };
    case 'encoding.unsupported':
      return {
        status: 415,
        message: `unsupported Content-Encoding "${encoding}": send identity, gzip, deflate or br`,
        jsonRpcCode: -32600,
      };
    case 'charset.unsupported':
      return { status: 415, message: `unsupported charset "${charset}": send utf-8`, jsonRpcCode: -32600 };
    case 'request.aborted':
      return { status: 400, message: 'the request body was cut off by the client', jsonRpcCode: -32600 };
    case 'request.size.invalid':
      return { status: 400, message: 'the request body does not match its Content-Length', jsonRpcCode: -32600 };
  }
  // Express could not decode a percent-encoded path parameter (`/connect/%ZZ`).
  if (error instanceof URIError) {
    return { status: 400, message: 'the URL path is not valid percent-encoding', jsonRpcCode: -32600 };
  }
  // Any other error body-parser raised while reading carries a 4xx status
  // from http-errors: above all a body that is not in the Content-Encoding it
  // claims (zlib fails). Its own message (zlib internals) is not passed on.
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const encoded = contentEncoding && contentEncoding.toLowerCase() !== 'identity';
    return {
      status: 400,
      message: encoded
        ? `the request body is not valid ${contentEncoding.toLowerCase()} data, as its Content-Encoding says`
        : 'the request body could not be read',
      jsonRpcCode: -32700,
    };
  }
  return undefined;
}

/** Body errors under `/mcp` as JSON-RPC errors (id null: no request could be read). */
export const jsonRpcBodyErrors: ErrorRequestHandler = (error, req, res, next) => {
  const problem = bodyErrorOf(error, req.get('content-encoding'));
  if (!problem || res.headersSent) {
    next(error);
    return;
  }
  res.status(problem.status).json(jsonRpcErrorBody(problem.jsonRpcCode, problem.message));
};

/** Body errors under `/api` in the API's error shape. */
export const apiBodyErrors: ErrorRequestHandler = (error, req, res, next) => {
  const problem = bodyErrorOf(error, req.get('content-encoding'));
  if (!problem || res.headersSent) {
    next(error);
    return;
  }
  res
    .status(problem.status)
    .json(apiErrorBody(ErrorCodes.INVALID_PARAMS, problem.message, [{ field: 'body', message: problem.message }]));
};
