import { z } from '@mcpist/plugin-sdk';

/**
 * Input fields several tools share. Keys are checked here, so a malformed key
 * fails validation instead of costing an upstream request (or landing in a
 * URL path unchecked).
 */

/** `PROJ-123` (any case) or a numeric issue id; keys are upper-cased as Jira writes them. */
export const issueKeyField = z
  .string()
  .trim()
  .regex(/^(?:[A-Za-z][A-Za-z0-9_]*-[1-9][0-9]*|[1-9][0-9]*)$/, 'must be an issue key like PROJ-123 or a numeric id')
  .transform((key) => key.toUpperCase())
  .describe('Issue key, e.g. "PROJ-123" (or the numeric issue id)');

/** A project key: a letter, then letters, digits or underscores. */
export const projectKeyField = z
  .string()
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_]{1,254}$/, 'must be a project key like PROJ')
  .transform((key) => key.toUpperCase())
  .describe('Project key, e.g. "PROJ" (see list_projects)');

/** Jira labels are single words. */
export const labelField = z.string().trim().min(1).max(255).regex(/^\S+$/, 'labels cannot contain spaces');

export const labelsField = z.array(labelField).max(50);

/** Plain text for a description or comment; converted to Atlassian Document Format. */
export const richTextField = z.string().max(32_000);

/** A caller's cap on a listing; the server's record limit still applies. */
export const limitField = z
  .number()
  .int()
  .min(1)
  .max(10_000)
  .optional()
  .describe("Return at most this many records (default and ceiling: the server's record limit, usually 500)");
