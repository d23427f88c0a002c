import { ATLASSIAN_SITE_PLACEHOLDER, atlassianAuth } from '@mcpist/atlassian';
import { definePlugin, monogramIcon } from '@mcpist/plugin-sdk';
import { JIRA_API_VERSION } from './client.js';
import { mapJiraError } from './errors.js';
import { standup } from './prompts/standup.js';
import { issueResource } from './resources/issue.js';
import { addComment } from './tools/add-comment.js';
import { addWatcher } from './tools/add-watcher.js';
import { addWorklog } from './tools/add-worklog.js';
import { assignIssue } from './tools/assign-issue.js';
import { createIssue } from './tools/create-issue.js';
import { deleteIssue } from './tools/delete-issue.js';
import { getActiveSprint } from './tools/get-active-sprint.js';
import { getCreateMetadata } from './tools/get-create-metadata.js';
import { getIssue } from './tools/get-issue.js';
import { linkIssues } from './tools/link-issues.js';
import { listBoards } from './tools/list-boards.js';
import { listComments } from './tools/list-comments.js';
import { listIssueTypes } from './tools/list-issue-types.js';
import { listProjects } from './tools/list-projects.js';
import { listSprintIssues } from './tools/list-sprint-issues.js';
import { listTransitions } from './tools/list-transitions.js';
import { listWatchers } from './tools/list-watchers.js';
import { listWorklogs } from './tools/list-worklogs.js';
import { searchIssues } from './tools/search-issues.js';
import { transitionIssue } from './tools/transition-issue.js';
import { updateIssue } from './tools/update-issue.js';

/** The Jira plugin: Jira Cloud issues and projects through REST API v3, via jira.js. */
export const plugin = definePlugin({
  name: 'jira',
  displayName: 'Jira',
  description:
    'Jira Cloud issues, projects and Jira Software boards: search issues with JQL; read, create, edit, transition, assign, link and delete issues; read and add comments, worklogs and watchers; list projects, issue types and the fields a new issue needs; list boards, the active sprint and its issues, as the connected Atlassian account.',
  version: '0.1.0',
  upstream: {
    apiVersion: JIRA_API_VERSION,
    // Atlassian announces REST API changes and deprecations in the Jira Cloud platform changelog.
    versionSource: { kind: 'url', url: 'https://developer.atlassian.com/cloud/jira/platform/changelog/' },
  },
  // A placeholder: the site comes from the credential's "site" field unless the operator overrides the base URL.
  baseUrl: ATLASSIAN_SITE_PLACEHOLDER,
  icons: [monogramIcon('J', '#0052cc')],
  // The shared `atlassian` credential: an API token with email and site, or a 3LO grant with these scopes.
  auth: atlassianAuth([
    'read:jira-work',
    'write:jira-work',
    'read:jira-user',
    // Jira Software (boards, sprints) has only granular scopes; its sprint issue listing also needs these two.
    'read:board-scope:jira-software',
    'read:sprint:jira-software',
    'read:issue-details:jira',
    'read:jql:jira',
  ]),
  // Atlassian limits by cost (hourly points for OAuth apps) and by per-second bursts per endpoint, and publishes
  // no request count for API tokens. 10 requests/s with 5 in flight stays under the burst limits for one user.
  rateLimits: { requestsPerSecond: 10, maxConcurrent: 5 },
  mapError: mapJiraError,
  prompts: [standup],
  resourceTemplates: [issueResource],
  tools: [
    searchIssues,
    getIssue,
    listComments,
    createIssue,
    updateIssue,
    listTransitions,
    transitionIssue,
    addComment,
    assignIssue,
    linkIssues,
    listWorklogs,
    addWorklog,
    listWatchers,
    addWatcher,
    listProjects,
    listIssueTypes,
    getCreateMetadata,
    listBoards,
    getActiveSprint,
    listSprintIssues,
    deleteIssue,
  ],
});

export default plugin;
