import { type FakeUpstream, startFakeUpstream } from '@mcpist/plugin-sdk/testing';
import * as jiraCore from 'jira.js/core';
import { afterEach, describe, expect, it } from 'vitest';
import { atlassianUrl, retryAfterMs, sendAtlassianRequest } from './transport.js';

describe('atlassianUrl', () => {
  it('encodes search params as the SDKs do: arrays repeat the key, objects are JSON, null and undefined are left out', () => {
    expect(
      atlassianUrl('https://x', '/rest/api/3/issue/A-1', {
        fields: ['summary', null, 'status'],
        expand: undefined,
        empty: null,
        n: 3,
        o: { a: 1 },
      }),
    ).toBe('https://x/rest/api/3/issue/A-1?fields=summary&fields=status&n=3&o=%7B%22a%22%3A1%7D');
    expect(atlassianUrl('https://x', 'rest/api/3/myself', {})).toBe('https://x/rest/api/3/myself');
    expect(atlassianUrl('https://x', '/wiki/api/v2/pages?cursor=c1', { limit: 5 })).toBe(
      'https://x/wiki/api/v2/pages?cursor=c1&limit=5',
    );
  });
});

describe('retryAfterMs', () => {
  it('reads Retry-After, else X-RateLimit-Reset', () => {
    const now = Date.parse('2026-11-21T17:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after': '7' }), now)).toBe(7000);
    expect(retryAfterMs(new Headers({ 'x-ratelimit-reset': '2026-11-21T17:02Z' }), now)).toBe(120_000);
    expect(retryAfterMs(new Headers({ 'x-ratelimit-reset': '2026-11-21T16:59Z' }), now)).toBe(0);
    expect(retryAfterMs(new Headers(), now)).toBeUndefined();
  });
});

describe('sendAtlassianRequest', () => {
  let fake: FakeUpstream;
  afterEach(() => fake?.close());

  const options = (url: string, extra: { fetch?: typeof fetch; signal?: AbortSignal } = {}) => ({
    product: 'Jira',
    connection: { apiRoot: url, authorization: 'Basic abc' },
    fetch: extra.fetch ?? fetch,
    signal: extra.signal ?? new AbortController().signal,
    userAgent: 'mcpist-plugin-jira',
    sdk: jiraCore,
  });

  it('sends JSON with the authorization, accept and user agent, and a content type on bodiless writes', async () => {
    fake = await startFakeUpstream({
      'POST /rest/things': () => ({ status: 201, json: { id: '1' } }),
      'DELETE /rest/things/:id': () => ({ status: 204 }),
    });
    const created = await sendAtlassianRequest(options(fake.url), {
      method: 'POST',
      url: '/rest/things',
      body: { name: 'one' },
      headers: { 'x-atlassian-token': 'no-check' },
    });
    expect([created.status, created.contentType, await created.text()]).toEqual([
      201,
      'application/json; charset=utf-8',
      '{"id":"1"}',
    ]);
    await sendAtlassianRequest(options(fake.url), { method: 'DELETE', url: '/rest/things/1' });

    const [post, del] = fake.requests;
    expect(post).toMatchObject({ body: { name: 'one' } });
    expect(post?.headers).toMatchObject({
      authorization: 'Basic abc',
      accept: 'application/json',
      'user-agent': 'mcpist-plugin-jira',
      'content-type': 'application/json',
      'x-atlassian-token': 'no-check',
    });
    // Jira refuses some bodiless DELETEs with 415 without a JSON content type.
    expect(del?.headers['content-type']).toBe('application/json');
  });

  it('gives a download’s bytes as they came', async () => {
    fake = await startFakeUpstream({
      'GET /file': () => ({ headers: { 'content-type': 'image/png' }, body: 'PNG bytes' }),
    });
    const answer = await sendAtlassianRequest(options(fake.url), { url: '/file' });
    expect(Buffer.from(await answer.bytes()).toString()).toBe('PNG bytes');
  });

  // The SDK's own classes, so code written against jira.js or confluence.js (their predicates) works unchanged.
  it.each([
    [{ status: 401, body: 'Client must be authenticated' }, jiraCore.isAuthError, { status: 401 }],
    [{ status: 401, json: { message: 'Unauthorized; scope does not match' } }, jiraCore.isScopeError, { status: 401 }],
    [{ status: 403, json: {} }, jiraCore.isForbiddenError, { status: 403 }],
    [
      { status: 404, json: { errorMessages: ['Gone'] } },
      jiraCore.isNotFoundError,
      { body: { errorMessages: ['Gone'] } },
    ],
    [{ status: 429, headers: { 'retry-after': '3' } }, jiraCore.isRateLimitError, { retryAfterMs: 3000 }],
    [{ status: 503, body: '<h1>down</h1>' }, jiraCore.isServerError, { status: 503, body: '<h1>down</h1>' }],
    [{ status: 409, json: {} }, jiraCore.isApiError, { status: 409 }],
  ] as const)('fails on %j with the SDK’s own error', async (answer, predicate, fields) => {
    fake = await startFakeUpstream({ 'GET /x': () => answer });
    const error = await sendAtlassianRequest(options(fake.url), { url: '/x' }).catch((caught: unknown) => caught);
    expect(predicate(error)).toBe(true);
    expect(jiraCore.isScopeError(error)).toBe(predicate === jiraCore.isScopeError);
    expect(error).toMatchObject(fields);
    // The message carries no upstream text: the mapper builds the user's message from the body.
    expect((error as Error).message).toMatch(/^Jira answered HTTP \d{3}/);
  });

  it('fails with the SDK’s NetworkError, naming no URL, when the connection is refused', async () => {
    fake = await startFakeUpstream({});
    const { url } = fake;
    await fake.close();
    const error = await sendAtlassianRequest(options(url), { url: '/x' }).catch((caught: unknown) => caught);
    expect(jiraCore.isNetworkError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'ECONNREFUSED', transient: true });
    expect((error as Error).message).not.toContain(url);
  });

  it('rethrows the caller’s abort unchanged', async () => {
    const controller = new AbortController();
    const reason = new Error('call cancelled by the client');
    controller.abort(reason);
    const aborted: typeof fetch = async () => {
      throw new DOMException('aborted', 'AbortError');
    };
    const error = await sendAtlassianRequest(options('https://x', { fetch: aborted, signal: controller.signal }), {
      url: '/x',
    }).catch((caught: unknown) => caught);
    expect(jiraCore.isNetworkError(error)).toBe(false);
    expect(error).toBeInstanceOf(DOMException);
  });
});
