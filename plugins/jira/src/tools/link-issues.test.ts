import { InvalidInputError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeJira, JIRA_ROUTES, startFakeJira } from '../../test/fake-jira.js';
import { plugin } from '../index.js';

describe('link_issues', () => {
  let jira: FakeJira;
  afterEach(() => jira?.close());

  const link = (relation: string, issueKey = 'DEMO-1', other = 'DEMO-2') =>
    runTool(
      plugin,
      'link_issues',
      { issue_key: issueKey, relation, other_issue_key: other },
      { baseUrl: jira.url, credential: jira.credential },
    );

  it.each([
    ['the outward phrase', 'blocks'],
    ['the type name', 'BLOCKS'],
  ])('reads %s as "issue blocks other": the issue goes inward', async (_case, relation) => {
    jira = await startFakeJira();
    const record = await link(relation);

    expect(jira.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /rest/api/3/issueLinkType',
      'POST /rest/api/3/issueLink',
    ]);
    expect(jira.requests[1]?.body).toEqual({
      type: { name: 'Blocks' },
      inwardIssue: { key: 'DEMO-1' },
      outwardIssue: { key: 'DEMO-2' },
    });
    expect(record).toEqual({ issue_key: 'DEMO-1', relation: 'blocks', other_issue_key: 'DEMO-2', link_type: 'Blocks' });
    expect(jira.seed.links).toEqual([{ id: expect.any(String), type: 'Blocks', inward: 'DEMO-1', outward: 'DEMO-2' }]);
  });

  it('reads the inward phrase the other way round', async () => {
    jira = await startFakeJira();
    const record = await link('is blocked by');
    expect(jira.requests[1]?.body).toMatchObject({ inwardIssue: { key: 'DEMO-2' }, outwardIssue: { key: 'DEMO-1' } });
    expect(record).toMatchObject({ relation: 'is blocked by', link_type: 'Blocks' });
  });

  it('lists the site’s link types when none matches, linking nothing', async () => {
    jira = await startFakeJira();
    const error = await link('depends on').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toContain('"blocks" / "is blocked by" (Blocks)');
    expect(jira.count(JIRA_ROUTES.linkIssues)).toBe(0);
  });

  it('refuses linking an issue to itself before any request', async () => {
    jira = await startFakeJira();
    await expect(link('relates to', 'DEMO-1', 'demo-1')).rejects.toMatchObject({ field: 'other_issue_key' });
    expect(jira.count()).toBe(0);
  });
});
