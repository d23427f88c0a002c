import { defineTool, InvalidInputError, z } from '@mcpist/plugin-sdk';
import { confluenceV2 } from '../api.js';
import { createConfluence } from '../client.js';
import { markdownBodyField, pageIdField, titleField } from '../input-fields.js';
import { markdownToStorage } from '../markdown/markdown-to-storage.js';
import { pageRecord, toPageRecord } from '../normalize.js';

export const updatePage = defineTool({
  name: 'update_page',
  description: `Changes a Confluence page's title and/or replaces its whole text with new Markdown, as a new version (the previous version stays in the page history).
Use it when the user asks to edit, rewrite or rename a page. To change part of the text, read it with get_page, edit the Markdown, and send all of it back. Fails if someone else saved the page at the same moment; read it again and retry.
Returns the updated page: id, title, space_id, parent_id, status, version, last_modified, url.`,
  input: z.object({
    page_id: pageIdField,
    title: titleField.optional().describe('New title; omit to keep the current one'),
    body: markdownBodyField
      .optional()
      .describe('The complete new page text in Markdown; omit to keep the current text'),
    version_message: z.string().trim().max(500).optional().describe('Short note saved with the new version'),
  }),
  output: pageRecord,
  returns: 'record',
  readOnly: false,
  dangerous: false,
  handler: async (input, ctx) => {
    const { getPageById, updatePage: updatePageRequest } = await confluenceV2();
    if (input.title === undefined && input.body === undefined) {
      throw new InvalidInputError('give a new title, a new body, or both', { field: 'body' });
    }
    const { client, webBase } = createConfluence(ctx);
    const id = Number(input.page_id);
    // Confluence wants the next version number and a complete body, so read the current page first.
    const current = await getPageById(client, { id, bodyFormat: 'storage' });
    const version = (current.version?.number ?? 0) + 1;
    const page = await updatePageRequest(client, {
      id,
      body: {
        id: input.page_id,
        status: 'current',
        title: input.title ?? current.title,
        body: {
          representation: 'storage',
          value: input.body === undefined ? (current.body?.storage?.value ?? '') : markdownToStorage(input.body),
        },
        version: { number: version, ...(input.version_message ? { message: input.version_message } : {}) },
      },
    });
    return toPageRecord(page, webBase);
  },
});
