import { ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/server';

const PREFIX = 'mcpist-p1.';

/** One page of a list result: the items, and the cursor of the next page when there is one. */
export interface ListPage<T> {
  items: T[];
  nextCursor?: string;
}

function cursorFor(offset: number): string {
  return `${PREFIX}${Buffer.from(String(offset)).toString('base64url')}`;
}

function offsetOf(cursor: string): number | undefined {
  if (!cursor.startsWith(PREFIX)) return undefined;
  const text = Buffer.from(cursor.slice(PREFIX.length), 'base64url').toString('utf8');
  return /^(0|[1-9][0-9]{0,8})$/.test(text) ? Number(text) : undefined;
}

/**
 * The page of `items` a cursor points at. Cursors are opaque offsets: any
 * instance can continue a listing another one started, and a cursor grants
 * nothing (the list is the caller's own). A cursor MCPist did not hand out
 * is a -32602 error, as the spec asks.
 */
export function pageOf<T>(items: readonly T[], cursor: string | undefined, size: number): ListPage<T> {
  const offset = cursor === undefined ? 0 : offsetOf(cursor);
  if (offset === undefined || offset > items.length) {
    throw new ProtocolError(ProtocolErrorCode.InvalidParams, 'invalid cursor: use the nextCursor of a previous page');
  }
  const end = offset + size;
  return { items: items.slice(offset, end), ...(end < items.length ? { nextCursor: cursorFor(end) } : {}) };
}
