import { defineTool, z } from '@mcpist/plugin-sdk';
import { collectPages, createJiraClient, recordLimit } from '../client.js';
import { limitField, projectKeyField } from '../input-fields.js';
import { type IssueTypeRecord, issueTypeRecord, type MetaIssueType, toIssueTypeRecord } from '../normalize-meta.js';

export const listIssueTypes = defineTool({
  name: 'list_issue_types',
  description: `Lists the issue types the connected account can create in a Jira project (e.g. Task, Bug, Story, Epic, Sub-task).
Use it before create_issue when unsure which issue_type names a project accepts; get_create_metadata then tells which fields a type requires.
Returns one record per type: id, name, subtask, description.`,
  input: z.object({ project_key: projectKeyField, limit: limitField }),
  output: issueTypeRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const { api } = await createJiraClient(ctx);
    return collectPages<number, MetaIssueType, IssueTypeRecord>({
      limit: recordLimit(ctx, input.limit),
      first: 0,
      fetchPage: (startAt, pageSize) => issueTypePage(api, input.project_key, startAt, pageSize),
      toRecord: toIssueTypeRecord,
    });
  },
});

/** One page of `/rest/api/3/issue/createmeta/{project}/issuetypes`, which pages by startAt and total. */
export async function issueTypePage(
  api: Awaited<ReturnType<typeof createJiraClient>>['api'],
  projectKey: string,
  startAt: number,
  pageSize: number,
): Promise<{ items: MetaIssueType[]; next: number | undefined }> {
  const page = await api.issues.getCreateIssueMetaIssueTypes({
    projectIdOrKey: projectKey,
    startAt,
    maxResults: pageSize,
  });
  // The documented key is issueTypes; jira.js also knows an older createMetaIssueType.
  const types = page.issueTypes ?? page.createMetaIssueType ?? [];
  const nextStart = (page.startAt ?? startAt) + types.length;
  const done = typeof page.total === 'number' ? nextStart >= page.total : types.length < pageSize;
  return { items: types, next: done ? undefined : nextStart };
}
