import { definePlugin } from '@mcpist/plugin-sdk';
import { GITHUB_API_VERSION } from './client.js';
import { mapGitHubError } from './errors.js';
import { addIssueComment } from './tools/add-issue-comment.js';
import { createIssue } from './tools/create-issue.js';
import { createPullRequest } from './tools/create-pull-request.js';
import { deleteRepository } from './tools/delete-repository.js';
import { getFileContents } from './tools/get-file-contents.js';
import { getIssue } from './tools/get-issue.js';
import { getPullRequest } from './tools/get-pull-request.js';
import { getPullRequestDiff } from './tools/get-pull-request-diff.js';
import { getRepo } from './tools/get-repo.js';
import { listCommits } from './tools/list-commits.js';
import { listIssueComments } from './tools/list-issue-comments.js';
import { listIssues } from './tools/list-issues.js';
import { listPullRequests } from './tools/list-pull-requests.js';
import { listRepos } from './tools/list-repos.js';
import { mergePullRequest } from './tools/merge-pull-request.js';
import { searchCode } from './tools/search-code.js';
import { searchIssues } from './tools/search-issues.js';
import { updateIssue } from './tools/update-issue.js';

/** The GitHub plugin: repositories, issues, pull requests, commits and code through the REST API, via Octokit. */
export const plugin = definePlugin({
  name: 'github',
  displayName: 'GitHub',
  description:
    'GitHub as the connected account: repositories, issues and comments, pull requests (diff, create, merge), commits, file contents and code search.',
  version: '0.1.0',
  upstream: {
    apiVersion: GITHUB_API_VERSION,
    // GitHub lists the REST API versions it supports as JSON; a newer date there means a new version.
    versionSource: { kind: 'url', url: 'https://api.github.com/versions' },
  },
  baseUrl: 'https://api.github.com',
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
  tools: [
    listRepos,
    getRepo,
    listIssues,
    getIssue,
    searchIssues,
    createIssue,
    updateIssue,
    listIssueComments,
    addIssueComment,
    listPullRequests,
    getPullRequest,
    getPullRequestDiff,
    createPullRequest,
    mergePullRequest,
    listCommits,
    getFileContents,
    searchCode,
    deleteRepository,
  ],
});

export default plugin;
