import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../../plugins/github/test/fake-github.js';
import { blobSha } from '../../../plugins/github/test/fake-github-git-data.js';
import { startTestHub, type TestHub } from '../test-support/test-hub.js';

/**
 * The GitHub tools for branches, file commits, reviews, Actions, releases,
 * labels and notifications, end to end: a real hub, the official MCP client,
 * and Octokit reaching the fake GitHub. Every call runs as bob, who holds only
 * the default `member` role: none of these tools is dangerous (a commit, a
 * review, a re-run or a label destroys nothing that git or GitHub cannot
 * show again), so the member role allows the writes too.
 */

const REPO = { owner: 'octo-org', repo: 'hello-world' };
/** Issues 1-3, then pull requests 4 and 5 (branches feature-4, feature-5). */
const PULL = 4;

let github: FakeGitHub;
let hub: TestHub;
let client: Client;

type Structured = Record<string, unknown> & { items?: Array<Record<string, unknown>>; error?: { code: number } };

async function call(tool: string, params: Record<string, unknown>) {
  const result = await client.callTool({ name: 'call', arguments: { module: 'github', tool, params } });
  return { isError: result.isError === true, structured: result.structuredContent as Structured };
}

/** The requests the fake received, as `METHOD path`. */
const sent = () => github.requests.map((request) => `${request.method} ${request.path}`);

beforeAll(async () => {
  github = await startFakeGitHub({
    issues: 3,
    pullRequests: 2,
    branches: 2,
    labels: 4,
    reviews: 3,
    reviewComments: 2,
    workflowRuns: 6,
    releases: 3,
    notifications: 4,
  });
  hub = await startTestHub({ pluginSettings: { github: { baseUrl: github.url } } });
  const bob = await hub.issueToken('bob@example.com');
  await hub.setCredential('github', github.token, { userId: bob.userId });
  client = await hub.connect({ token: bob.token });
});

afterAll(async () => {
  await hub?.close();
  await github?.close();
});

beforeEach(() => {
  github.restore();
  github.requests.length = 0;
});

describe('github depth tools through a running hub, as a member', () => {
  it('lists the new tools for a member, none dangerous, while dangerous merge stays masked', async () => {
    const result = await client.callTool({ name: 'get_module_schema', arguments: { modules: ['github'] } });
    const schema = result.structuredContent as {
      modules: Array<{ tools: Array<{ name: string; readOnly: boolean; dangerous: boolean }> }>;
    };
    const flags = Object.fromEntries(
      (schema.modules[0]?.tools ?? []).map((tool) => [tool.name, [tool.readOnly, tool.dangerous]]),
    );
    expect(flags).toMatchObject({
      list_branches: [true, false],
      create_branch: [false, false],
      create_or_update_file: [false, false],
      list_pull_request_reviews: [true, false],
      list_pull_request_review_comments: [true, false],
      create_pull_request_review: [false, false],
      request_reviewers: [false, false],
      list_workflow_runs: [true, false],
      get_workflow_run: [true, false],
      rerun_workflow_run: [false, false],
      list_releases: [true, false],
      get_latest_release: [true, false],
      list_labels: [true, false],
      add_labels_to_issue: [false, false],
      list_notifications: [true, false],
    });
    // The member role does mask dangerous tools: the writes above run because they are not dangerous.
    expect(flags).not.toHaveProperty('merge_pull_request');
    expect(flags).not.toHaveProperty('delete_repository');
  });

  it('list_branches', async () => {
    const result = await call('list_branches', { ...REPO, protected: false });
    expect(sent()).toEqual(['GET /repos/octo-org/hello-world/branches']);
    expect(github.requests[0]?.query.get('protected')).toBe('false');
    expect(result.structured.items).toEqual([
      { name: 'feature-4', sha: github.seed.branchHeads['feature-4'], protected: false },
      { name: 'feature-5', sha: github.seed.branchHeads['feature-5'], protected: false },
      { name: 'topic-1', sha: github.seed.branchHeads['topic-1'], protected: false },
      { name: 'topic-2', sha: github.seed.branchHeads['topic-2'], protected: false },
    ]);
  });

  it('create_branch (write)', async () => {
    const result = await call('create_branch', { ...REPO, branch: 'docs/setup', from: 'topic-1' });
    expect(result.isError).toBe(false);
    expect(sent()).toEqual([
      'GET /repos/octo-org/hello-world/branches/topic-1',
      'POST /repos/octo-org/hello-world/git/refs',
    ]);
    const sha = github.seed.branchHeads['topic-1'];
    expect(github.requests[1]?.body).toEqual({ ref: 'refs/heads/docs/setup', sha });
    expect(result.structured).toEqual({ name: 'docs/setup', ref: 'refs/heads/docs/setup', sha, from: 'topic-1' });
  });

  it('create_or_update_file (write): a new file on a branch', async () => {
    const result = await call('create_or_update_file', {
      ...REPO,
      path: 'docs/setup.md',
      content: '# Setup\n\nRun `npm ci`.\n',
      message: 'Document the setup',
      branch: 'topic-2',
    });
    expect(result.isError).toBe(false);
    expect(sent()).toEqual([
      'GET /repos/octo-org/hello-world/contents/docs%2Fsetup.md',
      'PUT /repos/octo-org/hello-world/contents/docs%2Fsetup.md',
    ]);
    expect(github.requests[1]?.body).toEqual({
      message: 'Document the setup',
      content: Buffer.from('# Setup\n\nRun `npm ci`.\n').toString('base64'),
      branch: 'topic-2',
    });
    expect(result.structured).toMatchObject({
      path: 'docs/setup.md',
      branch: 'topic-2',
      created: true,
      sha: blobSha('# Setup\n\nRun `npm ci`.\n'),
      commit_sha: github.seed.branchHeads['topic-2'],
      html_url: 'https://github.com/octo-org/hello-world/blob/topic-2/docs/setup.md',
    });
  });

  it('list_pull_request_reviews', async () => {
    const result = await call('list_pull_request_reviews', { ...REPO, pull_number: PULL });
    expect(sent()).toEqual([`GET /repos/octo-org/hello-world/pulls/${PULL}/reviews`]);
    expect(result.structured.items?.map((item) => [item.user, item.state])).toEqual([
      ['hubot', 'COMMENTED'],
      ['hubot', 'CHANGES_REQUESTED'],
      ['hubot', 'APPROVED'],
    ]);
    expect(result.structured.items?.[0]).toMatchObject({
      id: github.seed.reviews[0]?.id,
      commit_id: github.seed.pulls[0]?.head.sha,
    });
  });

  it('list_pull_request_review_comments', async () => {
    const result = await call('list_pull_request_review_comments', { ...REPO, pull_number: PULL });
    expect(sent()).toEqual([`GET /repos/octo-org/hello-world/pulls/${PULL}/comments`]);
    const [first, reply] = github.seed.reviewComments;
    expect(result.structured.items).toEqual([
      expect.objectContaining({ id: first?.id, in_reply_to_id: null, path: 'src/index.ts', user: 'hubot' }),
      expect.objectContaining({ id: reply?.id, in_reply_to_id: first?.id, user: 'octocat' }),
    ]);
  });

  it('create_pull_request_review (write): a comment review with a line comment', async () => {
    const result = await call('create_pull_request_review', {
      ...REPO,
      pull_number: PULL,
      event: 'COMMENT',
      body: 'Looks close.',
      comments: [{ path: 'src/index.ts', line: 2, body: 'Name this better?' }],
    });
    expect(result.isError).toBe(false);
    expect(sent()).toEqual([`POST /repos/octo-org/hello-world/pulls/${PULL}/reviews`]);
    expect(github.requests[0]?.body).toEqual({
      event: 'COMMENT',
      body: 'Looks close.',
      comments: [{ path: 'src/index.ts', line: 2, side: 'RIGHT', body: 'Name this better?' }],
    });
    expect(result.structured).toMatchObject({ user: 'octocat', state: 'COMMENTED', body: 'Looks close.' });
  });

  it('request_reviewers (write), then get_pull_request shows who is asked', async () => {
    const result = await call('request_reviewers', { ...REPO, pull_number: PULL, reviewers: ['hubot'] });
    expect(result.isError).toBe(false);
    expect(github.requests[0]).toMatchObject({
      method: 'POST',
      path: `/repos/octo-org/hello-world/pulls/${PULL}/requested_reviewers`,
      body: { reviewers: ['hubot'] },
    });
    expect(result.structured).toEqual({
      number: PULL,
      html_url: `https://github.com/octo-org/hello-world/pull/${PULL}`,
      requested_reviewers: 'hubot',
      requested_teams: '',
    });

    const pull = await call('get_pull_request', { ...REPO, pull_number: PULL });
    expect(pull.structured).toMatchObject({ requested_reviewers: 'hubot', requested_teams: '' });
  });

  it('list_workflow_runs', async () => {
    const result = await call('list_workflow_runs', { ...REPO, status: 'failure' });
    expect(sent()).toEqual(['GET /repos/octo-org/hello-world/actions/runs']);
    expect(github.requests[0]?.query.get('status')).toBe('failure');
    expect(result.structured.items?.map((item) => [item.run_number, item.conclusion])).toEqual([[3, 'failure']]);
    expect(result.structured.items?.[0]).toMatchObject({ name: 'CI', event: 'push', head_branch: 'main' });
  });

  it('get_workflow_run', async () => {
    const run = github.seed.workflowRuns[0];
    const result = await call('get_workflow_run', { ...REPO, run_id: run?.id });
    expect(sent()).toEqual([`GET /repos/octo-org/hello-world/actions/runs/${run?.id}`]);
    expect(result.structured).toMatchObject({
      id: run?.id,
      run_number: 6,
      status: 'in_progress',
      conclusion: null,
      workflow_path: '.github/workflows/ci.yml',
      run_attempt: 1,
      head_commit_message: 'Change number 6',
    });
  });

  it('rerun_workflow_run (write): only the failed jobs', async () => {
    const failed = github.seed.workflowRuns.find((run) => run.conclusion === 'failure');
    const result = await call('rerun_workflow_run', { ...REPO, run_id: failed?.id, failed_jobs_only: true });
    expect(result.isError).toBe(false);
    expect(sent()).toEqual([`POST /repos/octo-org/hello-world/actions/runs/${failed?.id}/rerun-failed-jobs`]);
    expect(github.requests[0]?.body).toEqual({ enable_debug_logging: false });
    expect(result.structured).toEqual({ run_id: failed?.id, failed_jobs_only: true, requested: true });
    expect(failed).toMatchObject({ status: 'queued', run_attempt: 2 });
  });

  it('list_releases', async () => {
    const result = await call('list_releases', REPO);
    expect(sent()).toEqual(['GET /repos/octo-org/hello-world/releases']);
    expect(result.structured.items?.map((item) => [item.tag_name, item.prerelease])).toEqual([
      ['v1.3.0-rc.1', true],
      ['v1.2.0', false],
      ['v1.1.0', false],
    ]);
  });

  it('get_latest_release', async () => {
    const result = await call('get_latest_release', REPO);
    expect(sent()).toEqual(['GET /repos/octo-org/hello-world/releases/latest']);
    expect(result.structured).toMatchObject({
      tag_name: 'v1.2.0',
      prerelease: false,
      author: 'octocat',
      assets: 'hello-world-v1.2.0.tgz (1002 bytes)',
    });
  });

  it('list_labels', async () => {
    const result = await call('list_labels', REPO);
    expect(sent()).toEqual(['GET /repos/octo-org/hello-world/labels']);
    expect(result.structured.items?.map((item) => item.name)).toEqual([
      'bug',
      'enhancement',
      'documentation',
      'area-4',
    ]);
    expect(result.structured.items?.[0]).toEqual({ name: 'bug', color: 'd73a4a', description: 'Default bug label' });
  });

  it('add_labels_to_issue (write)', async () => {
    const result = await call('add_labels_to_issue', { ...REPO, issue_number: 3, labels: ['documentation'] });
    expect(result.isError).toBe(false);
    expect(github.requests[0]).toMatchObject({
      method: 'POST',
      path: '/repos/octo-org/hello-world/issues/3/labels',
      body: { labels: ['documentation'] },
    });
    expect(result.structured).toEqual({ issue_number: 3, labels: 'enhancement, documentation' });
  });

  it('list_notifications', async () => {
    const result = await call('list_notifications', { participating: true });
    expect(sent()).toEqual(['GET /notifications']);
    expect(github.requests[0]?.query.get('participating')).toBe('true');
    expect(result.structured.items).toEqual([
      expect.objectContaining({ title: 'Issue news 4', reason: 'mention', number: 4, unread: true }),
      expect.objectContaining({
        title: 'PullRequest news 1',
        reason: 'review_requested',
        html_url: 'https://github.com/octo-org/hello-world/pull/1',
      }),
    ]);
  });
});
