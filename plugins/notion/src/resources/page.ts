import { defineResourceTemplate, z } from '@mcpist/plugin-sdk';
import { notionIdField } from '../input-fields.js';
import { getPage } from '../tools/get-page.js';

/** A Notion page as one Markdown document: its title, its properties, then its content. */
export const pageResource = defineResourceTemplate({
  name: 'page',
  title: 'Notion page as Markdown',
  description:
    'A Notion page as Markdown: its title, its property values and its content (nested blocks up to three levels).',
  uriTemplate: 'notion://page/{page_id}',
  requires: 'get_page',
  params: z.object({ page_id: notionIdField('page') }),
  read: async ({ page_id }, ctx) => {
    const page = await getPage.handler(getPage.input.parse({ page_id }), ctx);
    const { title, url, properties, markdown } = page as {
      title: string;
      url: string;
      properties: string;
      markdown: string;
    };
    return [`# ${title || 'Untitled'}`, '', `<${url}>`, ...(properties ? ['', properties] : []), '', markdown].join(
      '\n',
    );
  },
});
