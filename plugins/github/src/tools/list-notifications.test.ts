import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../test/fake-github.js';
import { plugin } from '../index.js';

describe('list_notifications', () => {
  let github: FakeGitHub;
  afterEach(() => github?.close());

  const listNotifications = (input: Record<string, unknown>, maxRecords?: number) =>
    runTool(plugin, 'list_notifications', input, {
      baseUrl: github.url,
      credential: github.token,
      maxRecords,
    }) as Promise<Record<string, unknown>[]>;

  it('lists unread threads by default, with the number and page derived from the subject', async () => {
    github = await startFakeGitHub({ notifications: 4 });
    const records = await listNotifications({});

    expect(github.requests[0]).toMatchObject({ method: 'GET', path: '/notifications' });
    expect(Object.fromEntries(github.requests[0]?.query ?? [])).toEqual({
      all: 'false',
      participating: 'false',
      per_page: '50',
    });
    const thread = github.seed.notifications[0];
    expect(records).toEqual([
      {
        id: thread?.id,
        repository: 'octo-org/hello-world',
        type: 'Issue',
        title: 'Issue news 4',
        number: 4,
        reason: 'mention',
        unread: true,
        updated_at: thread?.updated_at,
        html_url: 'https://github.com/octo-org/hello-world/issues/4',
      },
      expect.objectContaining({
        type: 'Release',
        number: null,
        html_url: 'https://github.com/octo-org/hello-world/releases',
      }),
      expect.objectContaining({
        type: 'PullRequest',
        number: 1,
        html_url: 'https://github.com/octo-org/hello-world/pull/1',
      }),
    ]);
  });

  it('passes all, participating, since and before', async () => {
    github = await startFakeGitHub({ notifications: 8 });
    // Thread 3 was updated at `since`: GitHub returns only threads updated after it (4 to 8).
    const since = github.seed.notifications.find((thread) => thread.id === '70000003')?.updated_at as string;
    const before = '2026-12-31T00:00:00Z';
    const records = await listNotifications({ all: true, participating: true, since, before });

    expect(Object.fromEntries(github.requests[0]?.query ?? [])).toEqual({
      all: 'true',
      participating: 'true',
      since,
      before,
      per_page: '50',
    });
    expect(records.map((record) => [record.title, record.reason])).toEqual([
      ['Issue news 8', 'mention'],
      ['PullRequest news 5', 'review_requested'],
      ['Issue news 4', 'mention'],
    ]);
    expect(records.some((record) => record.type === 'Commit')).toBe(false);
  });

  it('asks for pages of 50, GitHub’s largest, and follows them up to maxRecords', async () => {
    github = await startFakeGitHub({ notifications: 120 });
    const records = await listNotifications({ all: true });
    expect(records).toHaveLength(120);
    expect(github.requests.map((request) => request.query.get('page'))).toEqual([null, '2', '3']);
    github.requests.length = 0;
    expect(await listNotifications({ all: true }, 60)).toHaveLength(60);
    expect(github.requests).toHaveLength(2);
  });
});
