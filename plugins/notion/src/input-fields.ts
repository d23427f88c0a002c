import { z } from '@mcpist/plugin-sdk';
import { extractNotionId } from '@notionhq/client';

/**
 * Input fields several tools share. Ids are accepted the ways people paste
 * them (a UUID with or without dashes, or a Notion URL) and normalized to the
 * dashed UUID, so a malformed id fails validation instead of costing a request.
 */

/** A Notion id field for `what` (e.g. "page"). */
export function notionIdField(what: string) {
  return z
    .string()
    .trim()
    .min(1)
    .max(2048)
    .transform((value, ctx) => {
      const id = extractNotionId(value);
      if (id === null) {
        ctx.addIssue({ code: 'custom', message: `not a Notion ${what} id or URL` });
        return z.NEVER;
      }
      return id;
    })
    .describe(`Notion ${what} id (UUID, with or without dashes) or the ${what}'s Notion URL`);
}

/** Markdown-ish content written as blocks. */
export const markdownField = z
  .string()
  .max(100_000)
  .describe(
    'Content in Markdown: "# ", "## ", "### " headings, "- " bullets, "1. " numbered items, "- [ ] " / "- [x] " to-dos, "> " quotes, "---" dividers, ``` fenced code, blank lines between paragraphs; inline **bold**, *italic*, ~~strike~~, `code`, [links](https://…). Nesting is flattened.',
  );

/** Notion property values as the API takes them, passed through unchanged. */
export const propertiesField = z
  .record(z.string(), z.unknown())
  .describe(
    'Notion property values keyed by property name, in the API\'s shape, e.g. {"Status": {"status": {"name": "Done"}}, "Tags": {"multi_select": [{"name": "urgent"}]}, "Due": {"date": {"start": "2026-02-01"}}}. Use get_database to see the property names and options.',
  );

/** A page or list title. */
export const titleField = z.string().trim().min(1).max(2000);
