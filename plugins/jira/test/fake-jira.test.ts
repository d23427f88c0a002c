import { afterEach, describe, expect, it } from 'vitest';
import { type FakeJira, JIRA_ROUTES, serverError, startFakeJira } from './fake-jira.js';

// The core's end-to-end tests rely on this fake behaving like Jira, so its contract is tested too.
describe('startFakeJira', () => {
  let jira: FakeJira;
  afterEach(() => jira?.close());

  const basic = () => `Basic ${Buffer.from(`${jira.email}:${jira.token}`).toString('base64')}`;
  const call = (method: string, path: string, body?: unknown, authorization = basic()) =>
    fetch(`${jira.url}${path}`, {
      method,
      headers: { authorization, accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it.each([
    ['Basic email:token', () => basic()],
    ['Bearer token (OAuth)', () => `Bearer ${jira.token}`],
  ])('accepts %s', async (_case, authorization) => {
    jira = await startFakeJira();
    const response = await call('GET', '/rest/api/3/issue/DEMO-1', undefined, authorization());
    expect(response.status).toBe(200);
  });

  it.each([
    ['no credential', ''],
    ['a wrong token', `Basic ${Buffer.from('mia@example.com:nope').toString('base64')}`],
    [
      'the right token with another email',
      `Basic ${Buffer.from('eve@example.com:ATATT3xFfGF0fakeJiraToken000000000000').toString('base64')}`,
    ],
  ])('answers 401 in plain text for %s', async (_case, authorization) => {
    jira = await startFakeJira();
    const response = await call('GET', '/rest/api/3/issue/DEMO-1', undefined, authorization);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toBe('Client must be authenticated to access this resource.');
  });

  it('serves the documented issue shape, with only the requested fields', async () => {
    jira = await startFakeJira({ issues: 2 });
    const full = (await (await call('GET', '/rest/api/3/issue/DEMO-2')).json()) as Record<string, unknown>;
    expect(full).toMatchObject({
      id: '10002',
      key: 'DEMO-2',
      self: `${jira.url}/rest/api/3/issue/10002`,
      fields: {
        summary: expect.any(String),
        status: { name: 'Done', statusCategory: { key: 'done', name: 'Done' } },
        assignee: { accountId: expect.any(String), displayName: 'Ben Okafor', avatarUrls: expect.any(Object) },
        priority: { name: 'Low' },
        issuetype: { name: 'Story' },
        created: '2026-01-01T11:00:00.000+0000',
        description: { type: 'doc', version: 1, content: expect.any(Array) },
      },
    });
    const some = (await (await call('GET', '/rest/api/3/issue/DEMO-2?fields=summary,status')).json()) as {
      fields: Record<string, unknown>;
    };
    expect(Object.keys(some.fields)).toEqual(['summary', 'status']);
    const repeated = (await (await call('GET', '/rest/api/3/issue/DEMO-2?fields=summary&fields=labels')).json()) as {
      fields: Record<string, unknown>;
    };
    expect(Object.keys(repeated.fields)).toEqual(['summary', 'labels']);
  });

  it('pages the enhanced JQL search with nextPageToken and isLast', async () => {
    jira = await startFakeJira({ issues: 120 });
    const first = (await (
      await call('POST', '/rest/api/3/search/jql', { jql: 'project = DEMO', maxResults: 100, fields: ['summary'] })
    ).json()) as { issues: unknown[]; nextPageToken?: string; isLast: boolean };
    expect(first.issues).toHaveLength(100);
    expect(first).toMatchObject({ isLast: false, nextPageToken: expect.any(String) });
    const last = (await (
      await call('POST', '/rest/api/3/search/jql', { jql: 'project = DEMO', nextPageToken: first.nextPageToken })
    ).json()) as Record<string, unknown>;
    expect(last).toMatchObject({ isLast: true, issues: expect.any(Array) });
    expect(last.issues).toHaveLength(20);
    expect(last).not.toHaveProperty('nextPageToken');
  });

  it.each([
    ['an unbounded query', 'ORDER BY created DESC', 'Unbounded JQL queries are not allowed here'],
    ['an unknown field', 'colour = red', "Field 'colour' does not exist"],
  ])('refuses %s with a 400 ErrorCollection', async (_case, jql, message) => {
    jira = await startFakeJira();
    const response = await call('POST', '/rest/api/3/search/jql', { jql });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errorMessages: [expect.stringContaining(message)], errors: {} });
  });

  it('pages projects by startAt with isLast and total, 50 at most', async () => {
    jira = await startFakeJira({ projects: 59 });
    const page = (await (await call('GET', '/rest/api/3/project/search?maxResults=100')).json()) as Record<
      string,
      unknown
    >;
    expect(page).toMatchObject({ startAt: 0, maxResults: 50, total: 60, isLast: false, nextPage: expect.any(String) });
    expect(page.values).toHaveLength(50);
  });

  it('validates create bodies like Jira: ADF descriptions and required fields', async () => {
    jira = await startFakeJira();
    const bad = await call('POST', '/rest/api/3/issue', {
      fields: { project: { key: 'NOPE' }, issuetype: { name: 'Task' }, description: 'plain' },
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      errorMessages: [],
      errors: {
        project: 'valid project is required',
        summary: 'You must specify a summary of the issue.',
        description: expect.stringContaining('Atlassian Document'),
      },
    });
  });

  it('records JSON answers and lets a test override and restore a route', async () => {
    jira = await startFakeJira();
    jira.route(JIRA_ROUTES.getIssue, () => serverError());
    expect((await call('GET', '/rest/api/3/issue/DEMO-1')).status).toBe(500);
    jira.restore(JIRA_ROUTES.getIssue);
    const response = await call('GET', '/rest/api/3/issue/DEMO-1');
    expect(response.status).toBe(200);
    expect(jira.answers.at(-1)).toEqual({ route: JIRA_ROUTES.getIssue, status: 200, body: await response.text() });
  });
});
