import { definePlugin, monogramIcon } from '@mcpist/plugin-sdk';
import { NOTION_API_VERSION } from './client.js';
import { mapNotionError } from './errors.js';
import { pageResource } from './resources/page.js';
import { addComment } from './tools/add-comment.js';
import { appendBlocks } from './tools/append-blocks.js';
import { createDatabase } from './tools/create-database.js';
import { createPage } from './tools/create-page.js';
import { deleteBlock } from './tools/delete-block.js';
import { deletePage } from './tools/delete-page.js';
import { getDatabase } from './tools/get-database.js';
import { getPage } from './tools/get-page.js';
import { listBlocks } from './tools/list-blocks.js';
import { listChildPages } from './tools/list-child-pages.js';
import { listComments } from './tools/list-comments.js';
import { listUsers } from './tools/list-users.js';
import { queryDatabase } from './tools/query-database.js';
import { search } from './tools/search.js';
import { updateBlock } from './tools/update-block.js';
import { updateDatabaseSchema } from './tools/update-database-schema.js';
import { updatePage } from './tools/update-page.js';
import { updatePageProperties } from './tools/update-page-properties.js';

/** The Notion plugin: pages, databases, users and comments through the REST API, via the official client. */
export const plugin = definePlugin({
  name: 'notion',
  displayName: 'Notion',
  description:
    'Notion pages and databases shared with the connected integration: search, read pages as Markdown, browse sub-pages, query databases, create, update, append to and delete pages, set row properties by name, edit or delete single blocks, create databases and add or rename columns, list users, read and add comments.',
  version: '0.1.0',
  upstream: {
    apiVersion: NOTION_API_VERSION,
    // Notion announces new Notion-Version dates in its developer changelog.
    versionSource: { kind: 'url', url: 'https://developers.notion.com/page/changelog' },
  },
  baseUrl: 'https://api.notion.com',
  icons: [monogramIcon('N', '#191919')],
  auth: {
    token: { helpUrl: 'https://www.notion.so/my-integrations' },
    oauth2: {
      authorizeUrl: 'https://api.notion.com/v1/oauth/authorize',
      tokenUrl: 'https://api.notion.com/v1/oauth/token',
      scopes: [],
      clientAuth: 'basic',
      authorizeParams: { owner: 'user' },
    },
  },
  // Notion allows an average of three requests per second per integration, with short bursts.
  rateLimits: { requestsPerSecond: 3 },
  mapError: mapNotionError,
  resourceTemplates: [pageResource],
  tools: [
    search,
    getPage,
    createPage,
    updatePage,
    updatePageProperties,
    appendBlocks,
    listBlocks,
    updateBlock,
    deleteBlock,
    listChildPages,
    queryDatabase,
    getDatabase,
    createDatabase,
    updateDatabaseSchema,
    listUsers,
    deletePage,
    listComments,
    addComment,
  ],
});

export default plugin;
