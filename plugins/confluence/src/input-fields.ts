import { z } from '@mcpist/plugin-sdk';

/**
 * Input fields several tools share. Ids are checked for their form here, so a
 * malformed one fails validation instead of costing an upstream request.
 */

/** Confluence content ids are decimal numbers, sent as strings. */
export const pageIdField = z
  .string()
  .trim()
  .regex(/^\d{1,15}$/, 'a page id is a number such as "123456"')
  .describe('Id of the page, e.g. "123456" (from search, list results, or the page URL …/pages/123456/…)');

export const spaceIdField = z
  .string()
  .trim()
  .regex(/^\d{1,15}$/, 'a space id is a number such as "98304"')
  .describe('Id of the space, e.g. "98304" (list_spaces returns it)');

/** Space keys: letters and digits; personal spaces are `~` plus an account id. */
export const spaceKeyField = z
  .string()
  .trim()
  .regex(/^~?[A-Za-z0-9:_-]{1,255}$/, 'a space key looks like "DEV" or "~5b10ac8d82e05b22cc7d4ef5"')
  .describe('Key of the space, e.g. "DEV"');

export const titleField = z.string().trim().min(1).max(255).describe('Page title; unique within its space');

export const markdownBodyField = z
  .string()
  .max(500_000)
  .describe(
    'Page text in Markdown: headings, paragraphs, **bold**, *italic*, `code`, links, lists, ``` code blocks, > quotes and | tables | are converted to Confluence formatting',
  );

/** Upper bound on records a list tool returns, below the server's own limit. */
export const limitField = z
  .number()
  .int()
  .min(1)
  .max(10_000)
  .optional()
  .describe("Return at most this many records (the server's record limit, 500 by default, still applies)");
