import { defineTool, z } from '@mcpist/plugin-sdk';
import { confluenceV1 } from '../api.js';
import { createConfluence } from '../client.js';
import { pageIdField } from '../input-fields.js';

/** Confluence labels: lower case, no spaces (Confluence lower-cases them itself). */
const labelName = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^[^\s:]+$/, 'labels are single words without spaces or ":"')
  .transform((label) => label.toLowerCase());

export const addLabels = defineTool({
  name: 'add_labels',
  description: `Adds labels to a Confluence page, keeping the ones it has (adding a label it already has changes nothing).
Use it when the user asks to tag or label a page, e.g. labels = ["runbook", "payments"]; labels are single words, stored in lower case.
Returns page_id and labels: every label the page now has, comma-separated.`,
  input: z.object({
    page_id: pageIdField,
    labels: z.array(labelName).min(1).max(50).describe('Labels to add, single words, e.g. ["runbook", "q3-planning"]'),
  }),
  output: z.object({
    page_id: z.string(),
    labels: z.string().describe('All labels of the page after the change, comma-separated'),
  }),
  returns: 'record',
  readOnly: false,
  dangerous: false,
  handler: async (input, ctx) => {
    // The v2 API only reads labels; adding them is v1's POST /wiki/rest/api/content/{id}/label.
    const { addLabelsToContent } = await confluenceV1();
    const { client } = createConfluence(ctx);
    const result = await addLabelsToContent(client, {
      id: input.page_id,
      body: [...new Set(input.labels)].map((name) => ({ prefix: 'global', name })),
    });
    return { page_id: input.page_id, labels: result.results.map((label) => label.name).join(', ') };
  },
});
