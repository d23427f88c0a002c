import { defineTool, z } from '@mcpist/plugin-sdk';
import { collectPages, createNotionClient } from '../client.js';
import { type NotionUser, toUserRecord, userRecord } from '../normalize.js';

export const listUsers = defineTool({
  name: 'list_users',
  description: `Lists the members of the Notion workspace (people and bots, guests excluded), following pages up to the server's record limit.
Use it to find the user id of a person, e.g. to filter a database by a people property or to assign someone in update_page. Emails are only shown when the integration has the "Read user information including email addresses" capability.
Returns one record per user: id, name (a bot's ends in " (bot)"), email.`,
  input: z.object({}),
  output: userRecord,
  readOnly: true,
  dangerous: false,
  handler: async (_input, ctx) => {
    const notion = createNotionClient(ctx);
    return collectPages(
      (cursor, pageSize) => notion.users.list({ start_cursor: cursor, page_size: pageSize }),
      ctx.limits.maxRecords,
      (user) => toUserRecord(user as NotionUser),
    );
  },
});
