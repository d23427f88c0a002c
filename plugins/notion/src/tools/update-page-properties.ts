import { defineTool, InvalidInputError, z } from '@mcpist/plugin-sdk';
import type { UpdatePageParameters } from '@notionhq/client';
import { collectPages, createNotionClient } from '../client.js';
import { fullPage } from '../full-objects.js';
import { notionIdField } from '../input-fields.js';
import { type NotionUser, pageRowRecord, toPageRowRecord } from '../normalize.js';
import {
  coercePropertyValue,
  type EmailDirectory,
  needsEmailLookup,
  type PropertyTypes,
  resolvePropertyName,
} from '../property-coercion.js';

export const updatePageProperties = defineTool({
  name: 'update_page_properties',
  description: `Sets property values of a Notion database row by property name, with plain values that are converted to each property's type (status, select, multi-select, date, number, checkbox, text, title, url, email, phone, people, relation).
Use it to update a row the simple way, e.g. {"Status": "Done", "Due": "2026-12-24", "Points": 3, "Tags": ["bug", "urgent"], "Owner": "ada@example.com"}; use update_page only when you already have Notion's own value JSON. Properties not named stay as they are; null clears a property. Names match ignoring case; an unknown name or a value that does not fit the property's type is refused naming the property, and nothing is written.
Returns the updated row: id, title, url, created_time, last_edited_time, properties ("Name: value; …").`,
  input: z.object({
    page_id: notionIdField('page').describe('The database row (page) to change: its id or Notion URL'),
    properties: z
      .record(z.string().trim().min(1).max(200), z.unknown())
      .refine((values) => Object.keys(values).length > 0, 'give at least one property')
      .refine((values) => Object.keys(values).length <= 100, 'at most 100 properties at once')
      .describe(
        'Values by property name. Text/title: "string"; number: 3 or "3"; select/status: "Done"; multi_select: ["a", "b"] or "a, b"; date: "2026-12-24", "2026-12-24T10:00:00+01:00" or {"start": "2026-12-24", "end": "2026-12-26"}; checkbox: true/false; url, email, phone: "string"; people: user ids or emails; relation: page ids or URLs; null clears.',
      ),
  }),
  output: pageRowRecord,
  returns: 'record',
  readOnly: false,
  dangerous: false,
  handler: async (input, ctx) => {
    const notion = createNotionClient(ctx);
    // The page's own properties carry every property of its data source with its type: no schema request needed.
    const page = fullPage(await notion.pages.retrieve({ page_id: input.page_id }));
    const types = page.properties as PropertyTypes;
    const values: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(input.properties)) {
      const name = resolvePropertyName(key, types);
      if (name in values) {
        throw new InvalidInputError(`property "${name}" is given twice`, { field: `properties.${key}` });
      }
      values[name] = value;
    }
    let emails: EmailDirectory = new Map();
    if (needsEmailLookup(values, types)) {
      const users = await collectPages(
        (cursor, pageSize) => notion.users.list({ start_cursor: cursor, page_size: pageSize }),
        ctx.limits.maxRecords,
        (user) => user as NotionUser,
      );
      emails = new Map(
        users.flatMap((user) => (user.person?.email ? [[user.person.email.toLowerCase(), user.id] as const] : [])),
      );
    }
    const properties: UpdatePageParameters['properties'] = {};
    for (const [name, value] of Object.entries(values)) {
      const type = types[name]?.type ?? '';
      properties[name] = coercePropertyValue(name, type, value, emails) as NonNullable<
        UpdatePageParameters['properties']
      >[string];
    }
    const updated = await notion.pages.update({ page_id: page.id, properties });
    return toPageRowRecord(fullPage(updated));
  },
});
