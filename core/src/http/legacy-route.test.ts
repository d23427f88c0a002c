import { classifyInboundRequest, PROTOCOL_VERSION_META_KEY } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { CURRENT_PROTOCOL_VERSION } from '../mcp/protocol-versions.js';
import { type InboundPost, isLegacyPost } from './legacy-route.js';

const call = { jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'call', arguments: {} } };
const modernMeta = { [PROTOCOL_VERSION_META_KEY]: CURRENT_PROTOCOL_VERSION };

const bodies: Record<string, unknown> = {
  'a 2025-era call': call,
  'a call with a string id': { ...call, id: 'abc' },
  'a call with no params': { jsonrpc: '2.0', id: 1, method: 'tools/list' },
  'a call with a progress token': { ...call, params: { ...call.params, _meta: { progressToken: 3 } } },
  initialize: { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18' } },
  'a call claiming 2026-07-28': { ...call, params: { ...call.params, _meta: modernMeta } },
  'a call claiming an old revision in _meta': {
    ...call,
    params: { ...call.params, _meta: { [PROTOCOL_VERSION_META_KEY]: '2025-06-18' } },
  },
  'a call whose claim is not a string': {
    ...call,
    params: { ...call.params, _meta: { [PROTOCOL_VERSION_META_KEY]: 1 } },
  },
  'a posted result': { jsonrpc: '2.0', id: 7, result: {} },
  'a posted error': { jsonrpc: '2.0', id: 7, error: { code: -1, message: 'no' } },
  'a request that also carries a result': { ...call, result: {} },
  'a notification': { jsonrpc: '2.0', method: 'notifications/initialized' },
  'a batch': [call, { jsonrpc: '2.0', method: 'notifications/initialized' }],
  'an empty batch': [],
  'a null id': { ...call, id: null },
  'a fractional id': { ...call, id: 1.5 },
  'a numeric method': { ...call, method: 5 },
  'a wrong jsonrpc version': { ...call, jsonrpc: '1.0' },
  'params as an array': { ...call, params: [1, 2] },
  'a string': 'tools/call',
  null: null,
};
const headers: Record<string, Partial<InboundPost>> = {
  'no headers': {},
  'a 2025 version header': { protocolVersionHeader: '2025-11-25' },
  'a 2026 version header': { protocolVersionHeader: CURRENT_PROTOCOL_VERSION },
  'a 2026 version header with spaces': { protocolVersionHeader: ` ${CURRENT_PROTOCOL_VERSION} ` },
  'the first 2026 revision': { protocolVersionHeader: '2026-07-28' },
  'a later revision': { protocolVersionHeader: '2027-01-01' },
  'an unknown version header': { protocolVersionHeader: 'next' },
  'a method header that disagrees': { mcpMethodHeader: 'tools/list' },
};

describe('isLegacyPost', () => {
  const cases = Object.entries(bodies).flatMap(([bodyName, body]) =>
    Object.entries(headers).map(([headerName, header]) => [`${bodyName}, ${headerName}`, body, header] as const),
  );

  it.each(cases)('routes %s as the SDK classifier does', (_name, body, header) => {
    const post: InboundPost = {
      protocolVersionHeader: undefined,
      mcpMethodHeader: undefined,
      mcpNameHeader: undefined,
      ...header,
      body,
    };
    const sdk = classifyInboundRequest({ httpMethod: 'POST', ...post });
    expect(isLegacyPost(post)).toBe(sdk.kind === 'legacy');
  });

  it('sends a plain 2025-era call to the legacy exchange and a 2026-07-28 one to the SDK handler', () => {
    const post = { protocolVersionHeader: undefined, mcpMethodHeader: undefined, mcpNameHeader: undefined };
    expect(isLegacyPost({ ...post, body: call })).toBe(true);
    expect(isLegacyPost({ ...post, body: bodies['a call claiming 2026-07-28'] })).toBe(false);
  });
});
