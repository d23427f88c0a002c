import { defineTool, z } from '@mcpist/plugin-sdk';
import { collectPages, createJiraClient, recordLimit } from '../client.js';
import { limitField } from '../input-fields.js';
import { type JiraProject, type ProjectRecord, projectRecord, toProjectRecord } from '../normalize.js';

export const listProjects = defineTool({
  name: 'list_projects',
  description: `Lists the Jira projects the connected account can browse, by key, following pages up to the server's record limit or "limit".
Use it to find a project's key before creating or searching issues (search_issues takes "project = KEY"), optionally filtered by a word of the name or key.
Returns one record per project: key, name, id, type.`,
  input: z.object({
    query: z.string().trim().min(1).max(255).optional().describe('Only projects whose key or name contains this text'),
    limit: limitField,
  }),
  output: projectRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const { api } = await createJiraClient(ctx);
    // /rest/api/3/project/search pages by offset: startAt, maxResults, and isLast/total in each page.
    return collectPages<number, JiraProject, ProjectRecord>({
      limit: recordLimit(ctx, input.limit),
      first: 0,
      fetchPage: async (startAt, pageSize) => {
        const page = await api.projects.searchProjects({
          startAt,
          maxResults: pageSize,
          query: input.query,
          orderBy: 'key',
        });
        const values = page.values ?? [];
        const nextStart = (page.startAt ?? startAt) + values.length;
        const done = page.isLast === true || (typeof page.total === 'number' && nextStart >= page.total);
        return { items: values, next: done ? undefined : nextStart };
      },
      toRecord: toProjectRecord,
    });
  },
});
