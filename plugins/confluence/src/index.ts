import { ATLASSIAN_SITE_PLACEHOLDER, atlassianAuth } from '@mcpist/atlassian';
import { definePlugin, monogramIcon } from '@mcpist/plugin-sdk';
import { CONFLUENCE_API_VERSION } from './client.js';
import { mapConfluenceError } from './errors.js';
import { pageResource } from './resources/page.js';
import { addComment } from './tools/add-comment.js';
import { addLabels } from './tools/add-labels.js';
import { createPage } from './tools/create-page.js';
import { deletePage } from './tools/delete-page.js';
import { downloadAttachment } from './tools/download-attachment.js';
import { getPage } from './tools/get-page.js';
import { listAttachments } from './tools/list-attachments.js';
import { listChildPages } from './tools/list-child-pages.js';
import { listComments } from './tools/list-comments.js';
import { listLabels } from './tools/list-labels.js';
import { listPageVersions } from './tools/list-page-versions.js';
import { listSpaces } from './tools/list-spaces.js';
import { search } from './tools/search.js';
import { updatePage } from './tools/update-page.js';

/** The Confluence plugin: spaces, CQL search and pages through the Cloud REST API, via confluence.js. */
export const plugin = definePlugin({
  name: 'confluence',
  displayName: 'Confluence',
  description:
    'Confluence Cloud pages and spaces: list spaces, search with CQL, read pages as Markdown, browse child pages, page history, labels and attachments (text files read as text), read and add comments, and create, update, label or delete pages as the connected Atlassian account.',
  version: '0.1.0',
  upstream: {
    apiVersion: CONFLUENCE_API_VERSION,
    // Atlassian announces REST API v2 changes and v1 deprecations in the Confluence Cloud changelog.
    versionSource: { kind: 'url', url: 'https://developer.atlassian.com/cloud/confluence/changelog/' },
  },
  // A placeholder: each user's site comes from their Atlassian credential unless the operator overrides this.
  baseUrl: ATLASSIAN_SITE_PLACEHOLDER,
  icons: [monogramIcon('C', '#1868db')],
  // Shared with the Jira plugin: one Atlassian API token (or 3LO grant) serves both products.
  auth: atlassianAuth([
    'read:confluence-content.all',
    'write:confluence-content',
    'read:confluence-space.summary',
    'search:confluence',
    // Authors of comments and versions come as account ids; their names need the user lookup.
    'read:confluence-user',
  ]),
  // Atlassian publishes no fixed numbers for API-token traffic, only burst limits answered with 429 and
  // Retry-After; 10 requests a second with 5 in flight stays under them, the same budget as the Jira plugin's
  // (both use the `atlassian` credential, so the core keys their limiter alike).
  rateLimits: { requestsPerSecond: 10, maxConcurrent: 5 },
  mapError: mapConfluenceError,
  resourceTemplates: [pageResource],
  tools: [
    listSpaces,
    search,
    getPage,
    listChildPages,
    listPageVersions,
    listComments,
    addComment,
    listLabels,
    addLabels,
    listAttachments,
    downloadAttachment,
    createPage,
    updatePage,
    deletePage,
  ],
});

export default plugin;
