import { defineTool, InvalidInputError, z } from '@mcpist/plugin-sdk';
import { textToAdf } from '../adf.js';
import { createJiraClient } from '../client.js';
import { labelsField, projectKeyField, richTextField } from '../input-fields.js';
import { createdIssueRecord } from '../normalize.js';

/** Fields this tool sets from its own inputs; "fields" may not set them again. */
const OWN_FIELDS = new Set(['project', 'summary', 'issuetype', 'description', 'labels']);

export const createIssue = defineTool({
  name: 'create_issue',
  description: `Creates a Jira issue in a project as the connected account.
Use it when the user asks to file, report or track work in Jira. Find the project key with list_projects, and search_issues first to avoid duplicates. The description is plain text (blank lines separate paragraphs). When a project requires more fields (Jira refuses the issue naming them), get_create_metadata lists them with their allowed values: pass them in "fields".
Returns the new issue: key, id, summary, url.`,
  input: z.object({
    project_key: projectKeyField,
    summary: z.string().trim().min(1).max(255).describe('One-line title of the issue'),
    issue_type: z
      .string()
      .trim()
      .min(1)
      .max(60)
      .default('Task')
      .describe('Issue type name as the project defines it, e.g. Task, Bug, Story; default Task'),
    description: richTextField.optional().describe('Plain text description'),
    labels: labelsField.optional().describe('Labels to set, single words, e.g. ["backend", "urgent"]'),
    fields: z
      .record(
        z.string().regex(/^[a-z][A-Za-z0-9_]{0,99}$/, 'a field id such as priority or customfield_10011'),
        z.unknown(),
      )
      .optional()
      .describe(
        'Other fields by field_id (see get_create_metadata), valued as Jira takes them, e.g. {"priority": {"name": "High"}, "customfield_10011": {"value": "Red"}, "duedate": "2026-02-01"}',
      ),
  }),
  output: createdIssueRecord,
  returns: 'record',
  readOnly: false,
  dangerous: false,
  handler: async (input, ctx) => {
    const own = Object.keys(input.fields ?? {}).filter((id) => OWN_FIELDS.has(id));
    if (own.length > 0) {
      throw new InvalidInputError(`set ${own.join(', ')} with this tool's own inputs, not in "fields"`, {
        field: 'fields',
      });
    }
    const jira = await createJiraClient(ctx);
    const description = input.description?.trim() ? textToAdf(input.description) : undefined;
    const created = await jira.api.issues.createIssue({
      fields: {
        ...input.fields,
        project: { key: input.project_key },
        summary: input.summary,
        issuetype: { name: input.issue_type },
        ...(description ? { description } : {}),
        ...(input.labels ? { labels: input.labels } : {}),
      },
    });
    return { key: created.key, id: created.id, summary: input.summary, url: jira.browseUrl(created.key) };
  },
});
