import { definePlugin, monogramIcon } from '@mcpist/plugin-sdk';
import { GITHUB_API_VERSION } from './client.js';
import { mapGitHubError } from './errors.js';
import { triageIssues } from './prompts/triage-issues.js';
import { fileResource } from './resources/file.js';
import { addIssueComment } from './tools/add-issue-comment.js';
import { addLabelsToIssue } from './tools/add-labels-to-issue.js';
import { createBranch } from './tools/create-branch.js';
import { createIssue } from './tools/create-issue.js';
import { createOrUpdateFile } from './tools/create-or-update-file.js';
import { createPullRequest } from './tools/create-pull-request.js';
import { createPullRequestReview } from './tools/create-pull-request-review.js';
import { deleteRepository } from './tools/delete-repository.js';
import { getFileContents } from './tools/get-file-contents.js';
import { getIssue } from './tools/get-issue.js';
import { getLatestRelease } from './tools/get-latest-release.js';
import { getPullRequest } from './tools/get-pull-request.js';
import { getPullRequestDiff } from './tools/get-pull-request-diff.js';
import { getRepo } from './tools/get-repo.js';
import { getWorkflowRun } from './tools/get-workflow-run.js';
import { listBranches } from './tools/list-branches.js';
import { listCommits } from './tools/list-commits.js';
import { listIssueComments } from './tools/list-issue-comments.js';
import { listIssues } from './tools/list-issues.js';
import { listLabels } from './tools/list-labels.js';
import { listNotifications } from './tools/list-notifications.js';
import { listPullRequestReviewComments } from './tools/list-pull-request-review-comments.js';
import { listPullRequestReviews } from './tools/list-pull-request-reviews.js';
import { listPullRequests } from './tools/list-pull-requests.js';
import { listReleases } from './tools/list-releases.js';
import { listRepos } from './tools/list-repos.js';
import { listWorkflowRuns } from './tools/list-workflow-runs.js';
import { mergePullRequest } from './tools/merge-pull-request.js';
import { requestReviewers } from './tools/request-reviewers.js';
import { rerunWorkflowRun } from './tools/rerun-workflow-run.js';
import { searchCode } from './tools/search-code.js';
import { searchIssues } from './tools/search-issues.js';
import { updateIssue } from './tools/update-issue.js';

/** The GitHub plugin: repositories, branches, issues, pull requests and reviews, commits, code, Actions, releases and notifications through the REST API, via Octokit. */
export const plugin = definePlugin({
  name: 'github',
  displayName: 'GitHub',
  description:
    'GitHub as the connected account: repositories, branches and file commits, issues, labels and comments, pull requests (diff, reviews, review comments, reviewers, create, merge), commits, file contents, code search, Actions workflow runs (list, re-run), releases and notifications.',
  version: '0.1.0',
  upstream: {
    apiVersion: GITHUB_API_VERSION,
    // GitHub lists the REST API versions it supports as JSON; a newer date there means a new version.
    versionSource: { kind: 'url', url: 'https://api.github.com/versions' },
  },
  baseUrl: 'https://api.github.com',
  icons: [monogramIcon('GH', '#24292f')],
  auth: {
    token: { helpUrl: 'https://github.com/settings/tokens' },
    oauth2: {
      authorizeUrl: 'https://github.com/login/oauth/authorize',
      tokenUrl: 'https://github.com/login/oauth/access_token',
      scopes: ['repo', 'read:user'],
      clientAuth: 'body',
    },
  },
  // GitHub's primary limit for a token; secondary limits discourage many concurrent requests.
  rateLimits: { requestsPerHour: 5000, maxConcurrent: 10 },
  mapError: mapGitHubError,
  prompts: [triageIssues],
  resourceTemplates: [fileResource],
  tools: [
    listRepos,
    getRepo,
    listBranches,
    createBranch,
    listIssues,
    getIssue,
    searchIssues,
    createIssue,
    updateIssue,
    listLabels,
    addLabelsToIssue,
    listIssueComments,
    addIssueComment,
    listPullRequests,
    getPullRequest,
    getPullRequestDiff,
    createPullRequest,
    listPullRequestReviews,
    listPullRequestReviewComments,
    createPullRequestReview,
    requestReviewers,
    mergePullRequest,
    listCommits,
    getFileContents,
    createOrUpdateFile,
    searchCode,
    listWorkflowRuns,
    getWorkflowRun,
    rerunWorkflowRun,
    listReleases,
    getLatestRelease,
    listNotifications,
    deleteRepository,
  ],
});

export default plugin;
