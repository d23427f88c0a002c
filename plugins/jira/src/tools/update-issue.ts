import { defineTool, InvalidInputError, z } from '@mcpist/plugin-sdk';
import { textToAdf } from '../adf.js';
import { createJiraClient } from '../client.js';
import { issueKeyField, labelsField, richTextField } from '../input-fields.js';
import { updatedIssueRecord } from '../normalize.js';

export const updateIssue = defineTool({
  name: 'update_issue',
  description: `Edits a Jira issue's summary, description or labels. Only the fields given change.
Use it to retitle an issue, rewrite or clear its description (an empty string clears it), or change its labels: "labels" replaces all labels, while "add_labels"/"remove_labels" change some and keep the rest (do not combine them with "labels"). To change status use transition_issue; to change the assignee use assign_issue.
Returns key, changed (the fields set) and url.`,
  input: z.object({
    issue_key: issueKeyField,
    summary: z.string().trim().min(1).max(255).optional().describe('New one-line title'),
    description: richTextField.optional().describe('New plain text description; "" clears it'),
    labels: labelsField.optional().describe('Replaces all labels; [] removes them all'),
    add_labels: labelsField.optional().describe('Labels to add, keeping the others'),
    remove_labels: labelsField.optional().describe('Labels to remove, keeping the others'),
  }),
  output: updatedIssueRecord,
  returns: 'record',
  readOnly: false,
  dangerous: false,
  handler: async (input, ctx) => {
    const fields: Record<string, unknown> = {};
    const labelOperations = [
      ...(input.add_labels ?? []).map((label) => ({ add: label })),
      ...(input.remove_labels ?? []).map((label) => ({ remove: label })),
    ];
    if (input.summary !== undefined) fields.summary = input.summary;
    if (input.description !== undefined) {
      fields.description = input.description.trim() === '' ? null : textToAdf(input.description);
    }
    if (input.labels !== undefined) {
      // Jira refuses a field that is both set and updated in one request.
      if (labelOperations.length > 0) {
        throw new InvalidInputError('give either "labels" (replace all) or "add_labels"/"remove_labels", not both', {
          field: 'labels',
        });
      }
      fields.labels = input.labels;
    }
    const changed = [...Object.keys(fields), ...(labelOperations.length > 0 ? ['labels'] : [])];
    if (changed.length === 0) {
      throw new InvalidInputError('nothing to change: give summary, description, labels, add_labels or remove_labels');
    }
    const jira = await createJiraClient(ctx);
    await jira.api.issues.editIssue({
      issueIdOrKey: input.issue_key,
      fields,
      ...(labelOperations.length > 0 ? { update: { labels: labelOperations } } : {}),
    });
    return { key: input.issue_key, changed: changed.join(', '), url: jira.browseUrl(input.issue_key) };
  },
});
