import { definePlugin, defineTool, type ToolContext, z } from '@mcpist/plugin-sdk';
import { startFakeUpstream } from '@mcpist/plugin-sdk/testing';
import * as confluenceCore from 'confluence.js/core';
import * as jiraCore from 'jira.js/core';
import {
  ATLASSIAN_SITE_PLACEHOLDER,
  type AtlassianSdkErrors,
  atlassianAuth,
  atlassianErrorMapper,
  resolveAtlassianConnection,
  sendAtlassianRequest,
} from '../src/index.js';

/** The two Atlassian SDKs, with how each builds its schema-mismatch error (their only constructor that differs). */
export const SDKS = [
  {
    name: 'jira.js',
    sdk: jiraCore as AtlassianSdkErrors,
    schemaMismatch: () => new jiraCore.SchemaMismatchError('bad shape', { endpoint: 'GET /x', issues: [] }),
  },
  {
    name: 'confluence.js',
    sdk: confluenceCore as AtlassianSdkErrors,
    schemaMismatch: () => new confluenceCore.SchemaMismatchError('bad shape', '{"id":1}'),
  },
] as const;

export const ACME_ROUTES = { getThing: 'GET /rest/things/:id', findThings: 'POST /rest/things/search' } as const;

/**
 * A minimal plugin for an imaginary Atlassian product, built from this
 * package only as a real Atlassian plugin is: the shared auth, connection,
 * transport (with the given SDK's errors) and mapper. Its tools return the
 * answer's text.
 */
export function acmePlugin(sdk: AtlassianSdkErrors) {
  const product = { name: 'Acme', gatewayPath: 'acme' };
  const send = async (ctx: ToolContext, url: string, body?: unknown) => {
    const connection = resolveAtlassianConnection(product, ctx);
    const options = { product: 'Acme', connection, fetch: ctx.fetch, signal: ctx.signal, userAgent: 'acme', sdk };
    const answer = await sendAtlassianRequest(options, { method: body ? 'POST' : 'GET', url, body });
    return answer.text();
  };
  return definePlugin({
    name: 'acme',
    displayName: 'Acme',
    description: 'An imaginary Atlassian product, to test what the Atlassian plugins share.',
    version: '0.0.0',
    upstream: { apiVersion: '1', versionSource: { kind: 'npm', package: 'jira.js' } },
    baseUrl: ATLASSIAN_SITE_PLACEHOLDER,
    auth: atlassianAuth(['read:acme']),
    mapError: atlassianErrorMapper({
      product: 'Acme',
      sdk,
      inputFields: { issuetype: 'issue_type' },
      blamedByTool: { find_things: 'query' },
    }),
    tools: [
      defineTool({
        name: 'get_thing',
        description: 'Reads one thing by id.',
        input: z.object({ id: z.string() }),
        readOnly: true,
        handler: ({ id }, ctx) => send(ctx, `/rest/things/${id}`),
      }),
      defineTool({
        name: 'find_things',
        description: 'Finds things with a query.',
        input: z.object({ query: z.string() }),
        readOnly: true,
        handler: ({ query }, ctx) => send(ctx, '/rest/things/search', { query }),
      }),
    ],
  });
}

/** A fake Acme site: answers things by id and refuses the token `revoked` as Atlassian does. */
export async function startFakeAcme() {
  const fake = await startFakeUpstream({
    [ACME_ROUTES.getThing]: (request) =>
      request.headers.authorization === `Basic ${Buffer.from('ada@example.com:revoked').toString('base64')}`
        ? { status: 401, headers: { 'content-type': 'text/plain' }, body: 'Client must be authenticated' }
        : { json: { id: request.params.id } },
    [ACME_ROUTES.findThings]: () => ({ json: { things: [] } }),
  });
  return Object.assign(fake, {
    credential: { kind: 'token' as const, token: 'ATATT-acme', fields: { email: 'ada@example.com' } },
  });
}
