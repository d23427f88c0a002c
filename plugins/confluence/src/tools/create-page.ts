import { defineTool, InvalidInputError, NotFoundError, z } from '@mcpist/plugin-sdk';
import type { Client } from 'confluence.js/core';
import { confluenceV2 } from '../api.js';
import { createConfluence } from '../client.js';
import { markdownBodyField, pageIdField, spaceIdField, spaceKeyField, titleField } from '../input-fields.js';
import { markdownToStorage } from '../markdown/markdown-to-storage.js';
import { pageRecord, toPageRecord } from '../normalize.js';

/** The v2 API creates pages by space id; a key costs one lookup. */
async function spaceIdFor(client: Client, input: { space_id?: string; space_key?: string }): Promise<string> {
  const { getSpaces } = await confluenceV2();
  if (input.space_id !== undefined && input.space_key !== undefined) {
    throw new InvalidInputError('give space_id or space_key, not both', { field: 'space_key' });
  }
  if (input.space_id !== undefined) return input.space_id;
  if (input.space_key === undefined) {
    throw new InvalidInputError('give the space: space_key (e.g. "DEV") or space_id', { field: 'space_key' });
  }
  const { results } = await getSpaces(client, { keys: [input.space_key], limit: 1 });
  const id = results?.[0]?.id;
  if (!id) throw new NotFoundError(`Confluence: no space with key "${input.space_key}" is visible to this account`);
  return id;
}

export const createPage = defineTool({
  name: 'create_page',
  description: `Creates a published page in a Confluence space from Markdown, optionally under a parent page.
Use it when the user asks to write, document or record something in Confluence. Give the space by key (e.g. "DEV", from list_spaces) or id; without parent_id the page goes to the top of the space. Titles must be unique within a space: search first when unsure.
Returns the created page: id, title, space_id, parent_id, status, version, last_modified, url.`,
  input: z.object({
    space_key: spaceKeyField.optional().describe('Key of the space to create the page in, e.g. "DEV"'),
    space_id: spaceIdField.optional().describe('Id of the space instead of its key'),
    title: titleField,
    body: markdownBodyField.default('').describe('Page text in Markdown; converted to Confluence formatting'),
    parent_id: pageIdField.optional().describe('Id of the page to create it under'),
  }),
  output: pageRecord,
  returns: 'record',
  readOnly: false,
  dangerous: false,
  handler: async (input, ctx) => {
    const { createPage: createPageRequest } = await confluenceV2();
    const { client, webBase } = createConfluence(ctx);
    const spaceId = await spaceIdFor(client, input);
    const page = await createPageRequest(client, {
      body: {
        spaceId,
        status: 'current',
        title: input.title,
        ...(input.parent_id ? { parentId: input.parent_id } : {}),
        body: { representation: 'storage', value: markdownToStorage(input.body) },
      },
    });
    return toPageRecord(page, webBase);
  },
});
