import { AuthInvalidError, InvalidInputError, isPluginDefinition } from '@mcpist/plugin-sdk';
import { expectAnnotationsFollowNames, expectToolTableCurrent, runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeJira, startFakeJira } from '../test/fake-jira.js';
import defaultExport, { plugin } from './index.js';

describe('jira plugin definition', () => {
  it('is the branded default export, and its README lists the tools as the definition declares them', async () => {
    expect(isPluginDefinition(defaultExport)).toBe(true);
    expect(defaultExport).toBe(plugin);
    await expectToolTableCurrent(plugin, new URL('../README.md', import.meta.url));
  });

  it('marks the reads (search, get, list) readOnly, and only deletions dangerous', () => {
    expectAnnotationsFollowNames(plugin, { readOnly: /^(search|get|list)_/, dangerous: /^delete_/ });
  });
});

describe('jira client', () => {
  let jira: FakeJira;
  afterEach(() => jira?.close());

  it('sends Basic email:token, JSON accept and a user agent through ctx.fetch to the base URL override', async () => {
    jira = await startFakeJira();
    const seen: string[] = [];
    const countingFetch: typeof fetch = (input, init) => {
      seen.push(String(input instanceof Request ? input.url : input));
      return fetch(input, init);
    };
    await runTool(
      plugin,
      'get_issue',
      { issue_key: 'demo-1' },
      { baseUrl: `${jira.url}/`, credential: jira.credential, fetch: countingFetch },
    );

    expect(seen).toHaveLength(1);
    expect(seen[0]?.startsWith(`${jira.url}/rest/api/3/issue/DEMO-1?fields=summary&fields=status`)).toBe(true);
    const headers = jira.requests[0]?.headers ?? {};
    expect(headers.authorization).toBe(`Basic ${Buffer.from(`${jira.email}:${jira.token}`).toString('base64')}`);
    expect(headers.accept).toBe('application/json');
    expect(headers['user-agent']).toBe('mcpist-plugin-jira');
  });

  it('calls https://<site> when the base URL is the placeholder default', async () => {
    const seen: string[] = [];
    const stubFetch: typeof fetch = async (input) => {
      seen.push(String(input));
      return Response.json({ isLast: true, values: [], startAt: 0, maxResults: 50, total: 0 });
    };
    await runTool(
      plugin,
      'list_projects',
      {},
      {
        credential: { kind: 'token', token: 't', fields: { email: 'me@acme.com', site: 'acme.atlassian.net' } },
        fetch: stubFetch,
      },
    );
    expect(seen).toEqual(['https://acme.atlassian.net/rest/api/3/project/search?startAt=0&maxResults=100&orderBy=key']);
  });

  it('calls the Atlassian gateway with a Bearer token for an OAuth credential', async () => {
    const seen: Array<{ url: string; authorization: string | null }> = [];
    const stubFetch: typeof fetch = async (input, init) => {
      seen.push({ url: String(input), authorization: new Headers(init?.headers).get('authorization') });
      return new Response(null, { status: 204 });
    };
    await runTool(
      plugin,
      'delete_issue',
      { issue_key: 'DEMO-9' },
      {
        credential: { kind: 'oauth2', token: 'access-1', fields: { cloudId: 'c0ffee-1' } },
        fetch: stubFetch,
      },
    );
    expect(seen).toEqual([
      {
        url: 'https://api.atlassian.com/ex/jira/c0ffee-1/rest/api/3/issue/DEMO-9?deleteSubtasks=false',
        authorization: 'Bearer access-1',
      },
    ]);
  });

  it('refuses to call Jira without a credential', async () => {
    jira = await startFakeJira();
    const error = await runTool(plugin, 'get_issue', { issue_key: 'DEMO-1' }, { baseUrl: jira.url }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AuthInvalidError);
    expect(jira.count()).toBe(0);
  });

  it.each([
    ['no site', { email: 'me@acme.com' }, 'site'],
    ['a site that is not a host', { email: 'me@acme.com', site: 'https://' }, 'site'],
    ['no email', { site: 'acme.atlassian.net' }, 'email'],
  ])('asks the user to fix the credential when it has %s', async (_case, fields, field) => {
    let requests = 0;
    const stubFetch: typeof fetch = async () => {
      requests += 1;
      return Response.json({});
    };
    const error = await runTool(
      plugin,
      'get_issue',
      { issue_key: 'DEMO-1' },
      {
        credential: { kind: 'token', token: 't', fields },
        fetch: stubFetch,
      },
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ kind: 'invalid_input', field });
    expect((error as Error).message).toContain(`"${field}"`);
    expect(requests).toBe(0);
  });

  it.each([
    ['get_issue', { issue_key: 'DEMO 1' }, 'issue_key'],
    ['get_issue', { issue_key: '../secrets' }, 'issue_key'],
    ['search_issues', { jql: '  ' }, 'jql'],
    ['search_issues', { jql: 'project = DEMO', limit: 0 }, 'limit'],
    ['create_issue', { project_key: 'DEMO', summary: '' }, 'summary'],
    ['create_issue', { project_key: 'demo project', summary: 'x' }, 'project_key'],
    ['update_issue', { issue_key: 'DEMO-1', labels: ['two words'] }, 'labels.0'],
    ['transition_issue', { issue_key: 'DEMO-1', transition: '' }, 'transition'],
    ['add_comment', { issue_key: 'DEMO-1', body: ' ' }, 'body'],
    ['assign_issue', { issue_key: 'DEMO-1', email: 'not-an-email' }, 'email'],
    ['delete_issue', { issue_key: 'DEMO-1', delete_subtasks: 'yes' }, 'delete_subtasks'],
  ])('%s rejects %j as invalid input (%s)', async (tool, input, field) => {
    jira = await startFakeJira();
    const error = await runTool(plugin, tool, input, { baseUrl: jira.url, credential: jira.credential }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ kind: 'invalid_input', field });
    expect(jira.count()).toBe(0);
  });
});
