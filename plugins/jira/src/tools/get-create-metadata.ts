import { defineTool, InvalidInputError, z } from '@mcpist/plugin-sdk';
import { collectPages, createJiraClient, recordLimit } from '../client.js';
import { limitField, projectKeyField } from '../input-fields.js';
import { type CreateFieldRecord, createFieldRecord, type MetaField, toCreateFieldRecord } from '../normalize-meta.js';
import { issueTypePage } from './list-issue-types.js';

type Api = Awaited<ReturnType<typeof createJiraClient>>['api'];

/** The id of an issue type given by name (any case) or id; the error lists the project's types. */
async function issueTypeId(api: Api, projectKey: string, wanted: string): Promise<string> {
  const types = await collectPages({
    limit: 500,
    first: 0,
    fetchPage: (startAt: number, pageSize: number) => issueTypePage(api, projectKey, startAt, pageSize),
    toRecord: (type) => type,
  });
  const found =
    types.find((type) => type.id === wanted) ?? types.find((type) => type.name?.toLowerCase() === wanted.toLowerCase());
  if (found?.id) return found.id;
  throw new InvalidInputError(
    `project ${projectKey} has no issue type "${wanted}"; it has: ${types.map((type) => type.name).join(', ') || 'none'}`,
    { field: 'issue_type' },
  );
}

export const getCreateMetadata = defineTool({
  name: 'get_create_metadata',
  description: `Lists the fields of the create form for one issue type in a Jira project: which are required, their value types, and the values Jira accepts.
Use it before create_issue in an unfamiliar project, or after Jira refused one for a missing or invalid field, to learn what to send (e.g. a required "Team" field, or the allowed priorities). issue_type is a name such as "Bug" or an id (see list_issue_types).
Returns one record per field: field_id, name, required, type, allowed_values, has_default.`,
  input: z.object({
    project_key: projectKeyField,
    issue_type: z.string().trim().min(1).max(60).describe('Issue type name or id, e.g. "Bug" or "10004"'),
    limit: limitField,
  }),
  output: createFieldRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    const { api } = await createJiraClient(ctx);
    const typeId = await issueTypeId(api, input.project_key, input.issue_type);
    return collectPages<number, MetaField, CreateFieldRecord>({
      limit: recordLimit(ctx, input.limit),
      first: 0,
      fetchPage: async (startAt, pageSize) => {
        const page = await api.issues.getCreateIssueMetaIssueTypeId({
          projectIdOrKey: input.project_key,
          issueTypeId: typeId,
          startAt,
          maxResults: pageSize,
        });
        // The documented key is fields; jira.js also knows results.
        const fields = page.fields ?? page.results ?? [];
        const nextStart = (page.startAt ?? startAt) + fields.length;
        const done = typeof page.total === 'number' ? nextStart >= page.total : fields.length < pageSize;
        return { items: fields, next: done ? undefined : nextStart };
      },
      toRecord: toCreateFieldRecord,
    });
  },
});
