import { definePlugin } from '@mcpist/plugin-sdk';
import { GITHUB_API_VERSION } from './client.js';
import { createIssue } from './tools/create-issue.js';
import { getIssue } from './tools/get-issue.js';
import { listIssues } from './tools/list-issues.js';
import { listRepos } from './tools/list-repos.js';
import { searchIssues } from './tools/search-issues.js';

/** The GitHub plugin: repositories and issues through the REST API, via Octokit. */
export const plugin = definePlugin({
  name: 'github',
  displayName: 'GitHub',
  description:
    'GitHub repositories and issues: list repositories, list, read, search and open issues as the connected GitHub account.',
  version: '0.1.0',
  upstreamApiVersion: GITHUB_API_VERSION,
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
  tools: [listRepos, listIssues, getIssue, createIssue, searchIssues],
});

export default plugin;
