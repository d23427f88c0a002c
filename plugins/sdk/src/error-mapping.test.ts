import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ToolContext } from './context.js';
import { defineTool } from './define-tool.js';
import { type ErrorMapper, invokeTool, mapToolError } from './error-mapping.js';
import { NotFoundError, RateLimitedError } from './errors.js';

class VendorHttpError extends Error {
  constructor(readonly statusCode: number) {
    super(`vendor ${statusCode}`);
  }
}

const calls: unknown[] = [];
const mapVendor: ErrorMapper = (error, context) => {
  calls.push(context.tool);
  return error instanceof VendorHttpError && error.statusCode === 429 ? new RateLimitedError('slow down') : error;
};
const scope = { mapError: mapVendor, service: 'Vendor', tool: 'get_thing' };
const fetchFailed = (code: string) =>
  new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });

describe('mapToolError, the single mapping point', () => {
  it('applies the plugin mapper and tells it the tool', () => {
    calls.length = 0;
    expect(mapToolError(new VendorHttpError(429), scope)).toMatchObject({ kind: 'rate_limited' });
    expect(calls).toEqual(['get_thing']);
  });

  it('lets typed errors and the caller’s abort through without asking the mapper', () => {
    calls.length = 0;
    const typed = new NotFoundError('gone');
    expect(mapToolError(typed, scope)).toBe(typed);
    const controller = new AbortController();
    controller.abort(new Error('deadline'));
    expect(mapToolError(new VendorHttpError(429), { ...scope, signal: controller.signal })).toBe(
      controller.signal.reason,
    );
    const abort = new DOMException('timed out', 'TimeoutError');
    expect(mapToolError(new Error('wrapped', { cause: abort }), scope)).toBe(abort);
    expect(calls).toEqual([]);
  });

  it('turns a network failure the mapper left alone into a transient error naming the service', () => {
    expect(mapToolError(fetchFailed('ECONNREFUSED'), scope)).toMatchObject({
      kind: 'upstream_transient',
      notDelivered: true,
      message: 'Vendor could not be reached (ECONNREFUSED)',
    });
    expect(mapToolError(fetchFailed('ECONNRESET'), { ...scope, mapError: undefined })).toMatchObject({
      kind: 'upstream_transient',
      notDelivered: false,
    });
  });

  it('returns a bug unchanged, with or without a mapper', () => {
    const bug = new RangeError('bug');
    expect(mapToolError(bug, scope)).toBe(bug);
    expect(mapToolError(bug, { ...scope, mapError: undefined })).toBe(bug);
  });
});

describe('invokeTool', () => {
  const tool = defineTool({
    name: 'get_thing',
    description: 'Gets a thing, for tests.',
    input: z.object({ fail: z.boolean() }),
    handler: async ({ fail }) => {
      if (fail) throw new VendorHttpError(429);
      return 'thing';
    },
  });
  const ctx = { signal: new AbortController().signal } as ToolContext;

  it('returns what the handler returned, and rethrows its failure mapped', async () => {
    const plugin = { displayName: 'Vendor', mapError: mapVendor };
    await expect(invokeTool(plugin, tool, { fail: false }, ctx)).resolves.toBe('thing');
    await expect(invokeTool(plugin, tool, { fail: true }, ctx)).rejects.toMatchObject({ kind: 'rate_limited' });
    await expect(invokeTool({ displayName: 'Vendor' }, tool, { fail: true }, ctx)).rejects.toBeInstanceOf(
      VendorHttpError,
    );
  });
});
