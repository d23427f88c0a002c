import { defineResourceTemplate, z } from '@mcpist/plugin-sdk';
import { pageIdField } from '../input-fields.js';
import { getPage } from '../tools/get-page.js';

/** A Confluence page as one Markdown document: its title, a link, then its text. */
export const pageResource = defineResourceTemplate({
  name: 'page',
  title: 'Confluence page as Markdown',
  description: 'A Confluence page as Markdown: its title, a link to it, and its text converted from storage format.',
  uriTemplate: 'confluence://page/{page_id}',
  requires: 'get_page',
  params: z.object({ page_id: pageIdField }),
  read: async ({ page_id }, ctx) => {
    const page = (await getPage.handler({ page_id }, ctx)) as { title: string; url: string; markdown: string };
    return [`# ${page.title}`, '', `<${page.url}>`, '', page.markdown].join('\n');
  },
});
