/**
 * Seed objects for the fake GitHub's Actions workflow runs, releases and
 * notification threads, shaped like the REST API's documented `workflow-run`,
 * `release` and `thread` (API version 2022-11-28).
 */
import { type GitHubAccount, type GitHubRepo, seedTime } from './fake-github-data.js';
import { fakeSha } from './fake-github-git-data.js';

/** A workflow file of the seeded repository. */
export interface GitHubWorkflow {
  id: number;
  name: string;
  path: string;
}

export const WORKFLOWS: GitHubWorkflow[] = [
  { id: 161_335, name: 'CI', path: '.github/workflows/ci.yml' },
  { id: 161_336, name: 'Release', path: '.github/workflows/release.yml' },
];

export interface GitHubWorkflowRun {
  id: number;
  name: string;
  node_id: string;
  check_suite_id: number;
  head_branch: string;
  head_sha: string;
  path: string;
  display_title: string;
  run_number: number;
  run_attempt: number;
  event: string;
  status: 'queued' | 'in_progress' | 'completed' | 'waiting';
  conclusion: 'success' | 'failure' | 'cancelled' | null;
  workflow_id: number;
  url: string;
  html_url: string;
  pull_requests: Array<{ id: number; number: number; url: string }>;
  created_at: string;
  updated_at: string;
  actor: GitHubAccount;
  triggering_actor: GitHubAccount;
  run_started_at: string;
  jobs_url: string;
  logs_url: string;
  check_suite_url: string;
  artifacts_url: string;
  cancel_url: string;
  rerun_url: string;
  previous_attempt_url: string | null;
  workflow_url: string;
  head_commit: {
    id: string;
    tree_id: string;
    message: string;
    timestamp: string;
    author: { name: string; email: string };
    committer: { name: string; email: string };
  };
  repository: GitHubRepo;
  head_repository: GitHubRepo;
}

export interface RunSeed {
  api: string;
  repo: GitHubRepo;
  index: number;
  actor: GitHubAccount;
  branch: string;
  pullNumber?: number;
}

/** Run `index`: every fifth is a Release run, every third failed, the newest still in progress. */
export function makeWorkflowRun(seed: RunSeed, newest: boolean): GitHubWorkflowRun {
  const { api, repo, index, actor } = seed;
  const workflow = (index % 5 === 0 ? WORKFLOWS[1] : WORKFLOWS[0]) as GitHubWorkflow;
  const id = 30_000_000 + index;
  const base = `${api}/repos/${repo.full_name}/actions/runs/${id}`;
  const sha = fakeSha(`${repo.full_name}@${seed.branch}#run-${index}`);
  const created = seedTime(100 + index);
  const message = `Change number ${index}\n\nDetails of change ${index}.`;
  const person = { name: 'The Octocat', email: `${actor.login}@users.noreply.github.com` };
  return {
    id,
    name: workflow.name,
    node_id: `WFR_kwDO${id}`,
    check_suite_id: 40_000_000 + index,
    head_branch: seed.branch,
    head_sha: sha,
    path: workflow.path,
    display_title: seed.pullNumber ? `Pull request ${seed.pullNumber}` : `Change number ${index}`,
    run_number: index,
    run_attempt: 1,
    event: seed.pullNumber ? 'pull_request' : 'push',
    status: newest ? 'in_progress' : 'completed',
    conclusion: newest ? null : index % 3 === 0 ? 'failure' : 'success',
    workflow_id: workflow.id,
    url: base,
    html_url: `https://github.com/${repo.full_name}/actions/runs/${id}`,
    pull_requests: seed.pullNumber
      ? [
          {
            id: 4_000_000 + seed.pullNumber,
            number: seed.pullNumber,
            url: `${api}/repos/${repo.full_name}/pulls/${seed.pullNumber}`,
          },
        ]
      : [],
    created_at: created,
    updated_at: seedTime(100 + index + 0.25),
    actor,
    triggering_actor: actor,
    run_started_at: created,
    jobs_url: `${base}/jobs`,
    logs_url: `${base}/logs`,
    check_suite_url: `${api}/repos/${repo.full_name}/check-suites/${40_000_000 + index}`,
    artifacts_url: `${base}/artifacts`,
    cancel_url: `${base}/cancel`,
    rerun_url: `${base}/rerun`,
    previous_attempt_url: null,
    workflow_url: `${api}/repos/${repo.full_name}/actions/workflows/${workflow.id}`,
    head_commit: {
      id: sha,
      tree_id: fakeSha(`tree-run-${index}`),
      message,
      timestamp: created,
      author: person,
      committer: person,
    },
    repository: repo,
    head_repository: repo,
  };
}

export interface GitHubReleaseAsset {
  url: string;
  browser_download_url: string;
  id: number;
  node_id: string;
  name: string;
  label: string | null;
  state: 'uploaded';
  content_type: string;
  size: number;
  download_count: number;
  created_at: string;
  updated_at: string;
  uploader: GitHubAccount;
}

export interface GitHubRelease {
  url: string;
  html_url: string;
  assets_url: string;
  upload_url: string;
  tarball_url: string;
  zipball_url: string;
  id: number;
  node_id: string;
  tag_name: string;
  target_commitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  created_at: string;
  published_at: string | null;
  author: GitHubAccount;
  assets: GitHubReleaseAsset[];
}

/** Release `index` tagged v1.<index>.0, or v1.<index>.0-rc.1 when a prerelease. */
export function makeRelease(
  api: string,
  repo: GitHubRepo,
  index: number,
  author: GitHubAccount,
  prerelease: boolean,
): GitHubRelease {
  const id = 50_000_000 + index;
  const tag = `v1.${index}.0${prerelease ? '-rc.1' : ''}`;
  const base = `${api}/repos/${repo.full_name}/releases/${id}`;
  const created = seedTime(500 + index * 24);
  const assetName = `${repo.name}-${tag}.tgz`;
  return {
    url: base,
    html_url: `https://github.com/${repo.full_name}/releases/tag/${tag}`,
    assets_url: `${base}/assets`,
    upload_url: `https://uploads.github.com/repos/${repo.full_name}/releases/${id}/assets{?name,label}`,
    tarball_url: `${api}/repos/${repo.full_name}/tarball/${tag}`,
    zipball_url: `${api}/repos/${repo.full_name}/zipball/${tag}`,
    id,
    node_id: `RE_kwDO${id}`,
    tag_name: tag,
    target_commitish: 'main',
    name: `Version 1.${index}.0${prerelease ? ' (release candidate)' : ''}`,
    body: `## What's changed\n\n- Change ${index}\n`,
    draft: false,
    prerelease,
    created_at: created,
    published_at: created,
    author,
    assets: [
      {
        url: `${api}/repos/${repo.full_name}/releases/assets/${60_000_000 + index}`,
        browser_download_url: `https://github.com/${repo.full_name}/releases/download/${tag}/${assetName}`,
        id: 60_000_000 + index,
        node_id: `RA_kwDO${index}`,
        name: assetName,
        label: null,
        state: 'uploaded',
        content_type: 'application/gzip',
        size: 1000 + index,
        download_count: index * 3,
        created_at: created,
        updated_at: created,
        uploader: author,
      },
    ],
  };
}

export interface GitHubThread {
  id: string;
  repository: GitHubRepo;
  subject: { title: string; url: string | null; latest_comment_url: string | null; type: string };
  reason: string;
  unread: boolean;
  updated_at: string;
  last_read_at: string | null;
  url: string;
  subscription_url: string;
}

const SUBJECTS = ['Issue', 'PullRequest', 'Release', 'Commit'] as const;
const REASONS = ['mention', 'review_requested', 'subscribed', 'ci_activity'] as const;
/** Reasons GitHub counts as "participating". */
export const PARTICIPATING_REASONS = ['mention', 'review_requested', 'assign', 'author', 'comment', 'team_mention'];

/** Thread `index`: subject and reason cycle through four kinds; every third is read. */
export function makeThread(api: string, repo: GitHubRepo, index: number): GitHubThread {
  const id = String(70_000_000 + index);
  const type = SUBJECTS[index % SUBJECTS.length] as (typeof SUBJECTS)[number];
  const repoApi = `${api}/repos/${repo.full_name}`;
  const target =
    type === 'Issue'
      ? `${repoApi}/issues/${index}`
      : type === 'PullRequest'
        ? `${repoApi}/pulls/${index}`
        : type === 'Release'
          ? `${repoApi}/releases/${50_000_000 + index}`
          : `${repoApi}/commits/${fakeSha(`notification-${index}`)}`;
  const unread = index % 3 !== 0;
  return {
    id,
    repository: repo,
    subject: { title: `${type} news ${index}`, url: target, latest_comment_url: target, type },
    reason: REASONS[index % REASONS.length] as string,
    unread,
    updated_at: seedTime(600 + index),
    last_read_at: unread ? null : seedTime(600 + index + 0.5),
    url: `${api}/notifications/threads/${id}`,
    subscription_url: `${api}/notifications/threads/${id}/subscription`,
  };
}
