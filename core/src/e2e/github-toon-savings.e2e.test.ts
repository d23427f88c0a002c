import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGitHub, GITHUB_ROUTES, startFakeGitHub } from '../../../plugins/github/test/fake-github.js';
import { startTestHub, type TestHub, textOf } from '../test-support/test-hub.js';

/**
 * TOON against GitHub's raw JSON, for every list tool of the GitHub plugin:
 * with the record limit at 50, each tool asks for one page of 50 and renders
 * those 50 records. The raw side is the body the fake sent for that page.
 */

const RECORDS = 50;
const MIN_SAVINGS = 0.6;
const REPO = { owner: 'octo-org', repo: 'hello-world' };
/** No open issues and 50 closed ones: the first pull request, which holds the reviews, is #51. */
const FIRST_PULL = RECORDS + 1;

let github: FakeGitHub;
let hub: TestHub;
let client: Client;

/** Fifty small source files for code search. */
function sourceFiles(): Record<string, string> {
  return Object.fromEntries(
    Array.from({ length: RECORDS }, (_, i) => [`src/module-${i + 1}.ts`, `export const value${i + 1} = ${i + 1};\n`]),
  );
}

beforeAll(async () => {
  github = await startFakeGitHub({
    issues: 0,
    closedIssues: RECORDS,
    pullRequests: RECORDS,
    repos: RECORDS - 1,
    comments: RECORDS,
    commits: RECORDS,
    files: sourceFiles(),
    branches: RECORDS,
    labels: RECORDS,
    reviews: RECORDS,
    reviewComments: RECORDS,
    workflowRuns: RECORDS,
    releases: RECORDS,
    notifications: RECORDS,
  });
  hub = await startTestHub({
    pluginSettings: { github: { baseUrl: github.url } },
    runner: { maxRecords: RECORDS },
  });
  await hub.setCredential('github', github.token);
  client = await hub.connect();
});

afterAll(async () => {
  await hub?.close();
  await github?.close();
});

const LIST_TOOLS: Array<[tool: string, params: Record<string, unknown>, route: string]> = [
  ['list_repos', {}, GITHUB_ROUTES.myRepos],
  ['list_issues', { ...REPO, state: 'closed' }, GITHUB_ROUTES.listIssues],
  ['search_issues', { q: 'repo:octo-org/hello-world is:issue' }, GITHUB_ROUTES.searchIssues],
  ['list_issue_comments', { ...REPO, issue_number: 1 }, GITHUB_ROUTES.listComments],
  ['list_pull_requests', REPO, GITHUB_ROUTES.listPulls],
  ['list_commits', REPO, GITHUB_ROUTES.listCommits],
  ['search_code', { q: 'export repo:octo-org/hello-world' }, GITHUB_ROUTES.searchCode],
  ['list_branches', REPO, GITHUB_ROUTES.listBranches],
  ['list_labels', REPO, GITHUB_ROUTES.listLabels],
  ['list_pull_request_reviews', { ...REPO, pull_number: FIRST_PULL }, GITHUB_ROUTES.listReviews],
  ['list_pull_request_review_comments', { ...REPO, pull_number: FIRST_PULL }, GITHUB_ROUTES.listReviewComments],
  ['list_workflow_runs', REPO, GITHUB_ROUTES.listRuns],
  ['list_releases', REPO, GITHUB_ROUTES.listReleases],
  ['list_notifications', { all: true }, GITHUB_ROUTES.listNotifications],
];

/** The items of a raw page: a bare array, or the array inside GitHub's { total_count, … } envelope. */
function rawItems(body: string): unknown[] {
  const parsed = JSON.parse(body) as unknown;
  if (Array.isArray(parsed)) return parsed;
  const list = Object.values(parsed as Record<string, unknown>).find(Array.isArray);
  return (list as unknown[] | undefined) ?? [];
}

describe('TOON savings of every GitHub list tool on 50 records', () => {
  it('covers every list tool the plugin declares', async () => {
    const { plugin } = await import('../../../plugins/github/src/index.js');
    const lists = plugin.tools.filter((tool) => tool.returns === 'list').map((tool) => tool.name);
    expect(LIST_TOOLS.map(([tool]) => tool).sort()).toEqual([...lists].sort());
  });

  it.each(LIST_TOOLS)('%s saves at least 60%', async (tool, params, route) => {
    const before = github.responses.length;
    const result = await client.callTool({ name: 'call', arguments: { module: 'github', tool, params } });
    expect(result.isError).toBeFalsy();
    const text = textOf(result);
    expect(text).toMatch(new RegExp(`^items\\[${RECORDS}\\]\\{`));

    const pages = github.responses.slice(before).filter((response) => response.key === route);
    expect(pages).toHaveLength(1);
    const raw = pages[0]?.body ?? '';
    expect(rawItems(raw)).toHaveLength(RECORDS);

    const rawTokens = encode(raw).length;
    const toonTokens = encode(text).length;
    const savings = 1 - toonTokens / rawTokens;
    console.info(`TOON savings github.${tool}: ${Math.round(savings * 100)}% (${rawTokens} → ${toonTokens} tokens)`);
    expect(savings).toBeGreaterThanOrEqual(MIN_SAVINGS);
  });
});
