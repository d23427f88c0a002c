/**
 * How the fake Notion answers: Notion's error object, the `list` envelope
 * with cursor pagination, the token and version checks, and the conversion
 * of request objects (blocks, property values) into response objects.
 */
import type { FakeRequest, FakeResponse } from '@mcpist/plugin-sdk/testing';
import { makeBlock, type NotionJson, richTextFromRequest } from './fake-notion-data.js';

let requestCounter = 0;

/** A request id in Notion's format, different for every answer. */
function requestId(): string {
  requestCounter += 1;
  return `f00dcafe-0000-4000-8000-${requestCounter.toString(16).padStart(12, '0')}`;
}

/** A Notion error response: `{ object: "error", status, code, message, request_id }`. */
export function notionError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): FakeResponse {
  return { status, headers, json: { object: 'error', status, code, message, request_id: requestId() } };
}

/** Notion's 429: `rate_limited` with `Retry-After` in seconds. */
export function rateLimited(retryAfterSeconds: number): FakeResponse {
  return notionError(429, 'rate_limited', 'You have been rate limited. Please try again in a few minutes.', {
    'retry-after': String(retryAfterSeconds),
  });
}

/** Notion's 404 for an id that does not exist or is not shared with the integration. */
export function objectNotFound(kind: string, id: string): FakeResponse {
  return notionError(
    404,
    'object_not_found',
    `Could not find ${kind} with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`,
  );
}

/** Notion's 400 for a body that does not match the endpoint's schema. */
export function validationError(message: string): FakeResponse {
  return notionError(400, 'validation_error', message);
}

/** Notion's 500. */
export function internalServerError(): FakeResponse {
  return notionError(500, 'internal_server_error', 'Unexpected error occurred.');
}

/**
 * The token and version checks Notion makes on every request, in its order:
 * a bad token is 401 `unauthorized`, a missing `Notion-Version` 400 `missing_version`.
 */
export function checkRequest(request: FakeRequest, token: string): FakeResponse | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (match?.[1] !== token) return notionError(401, 'unauthorized', 'API token is invalid.');
  if (!request.headers['notion-version']) {
    return notionError(
      400,
      'missing_version',
      'Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.',
    );
  }
  return undefined;
}

/** A successful JSON answer with Notion's request id header. */
export function ok(json: unknown, status = 200): FakeResponse {
  return { status, json, headers: { 'x-notion-request-id': requestId() } };
}

/**
 * One page of `items` in Notion's list envelope. `page_size` and
 * `start_cursor` come from the query (GET) or the body (POST); the cursor is
 * the id of the first item of the next page, as Notion's are.
 */
export function listPage(request: FakeRequest, items: NotionJson[], type: string): FakeResponse {
  const source = request.method === 'GET' ? Object.fromEntries(request.query) : ((request.body ?? {}) as NotionJson);
  const where = request.method === 'GET' ? 'query' : 'body';
  const pageSize = source.page_size === undefined ? 100 : Number(source.page_size);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
    return validationError(
      `${where}.page_size should be a number between 1 and 100, instead was \`${source.page_size}\`.`,
    );
  }
  let start = 0;
  if (typeof source.start_cursor === 'string') {
    start = items.findIndex((item) => item.id === source.start_cursor);
    if (start < 0) return validationError(`start_cursor provided is invalid: ${source.start_cursor}`);
  }
  const results = items.slice(start, start + pageSize);
  const next = items[start + pageSize];
  return ok({
    object: 'list',
    results,
    next_cursor: next ? next.id : null,
    has_more: next !== undefined,
    type,
    [type]: {},
    request_id: requestId(),
  });
}

/** Block types the fake accepts in `children`. */
const WRITABLE_BLOCKS = new Set([
  'paragraph',
  'heading_1',
  'heading_2',
  'heading_3',
  'bulleted_list_item',
  'numbered_list_item',
  'to_do',
  'toggle',
  'quote',
  'callout',
  'code',
  'divider',
]);

/** Request blocks → response blocks under `parent`, or the validation error Notion would give. */
export function blocksFromRequest(
  children: unknown,
  parent: NotionJson,
  nextId: () => string,
  author: string,
): NotionJson[] | FakeResponse {
  if (!Array.isArray(children)) return validationError('body.children should be an array, instead was `undefined`.');
  if (children.length > 100) {
    return validationError(`body.children.length should be ≤ \`100\`, instead was \`${children.length}\`.`);
  }
  const blocks: NotionJson[] = [];
  for (const [index, child] of (children as NotionJson[]).entries()) {
    const type =
      typeof child.type === 'string' ? child.type : Object.keys(child).find((key) => WRITABLE_BLOCKS.has(key));
    const content = type ? (child[type] as NotionJson | undefined) : undefined;
    if (!type || !WRITABLE_BLOCKS.has(type) || typeof content !== 'object' || content === null) {
      return validationError(`body.children[${index}] should be a block object the fake knows.`);
    }
    const response: NotionJson = { ...content };
    if ('rich_text' in content) response.rich_text = richTextFromRequest(content.rich_text);
    if (type !== 'divider' && type !== 'code') response.color = 'default';
    if (type === 'code') response.caption = [];
    blocks.push(makeBlock(nextId(), parent, type, response, 900, author));
  }
  return blocks;
}

/** A property value from a request, in the shape Notion returns it (`{ id, type, [type]: value }`). */
export function propertyFromRequest(id: string, type: string, value: NotionJson): NotionJson {
  const inner = value[type];
  if (type === 'title' || type === 'rich_text') return { id, type, [type]: richTextFromRequest(inner) };
  return { id, type, [type]: inner ?? null };
}
