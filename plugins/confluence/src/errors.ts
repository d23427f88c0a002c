import { atlassianErrorMapper } from '@mcpist/atlassian';
import type { ToolContext } from '@mcpist/plugin-sdk';
import * as confluenceCore from 'confluence.js/core';

/**
 * The plugin's `mapError`: what a confluence.js call threw → the SDK's typed
 * errors, by the shared Atlassian mapping (confluence.js's errors are
 * jira.js's, under its own brand). Confluence's 400s name no input field.
 */
export const mapConfluenceError = atlassianErrorMapper({ product: 'Confluence', sdk: confluenceCore });

/**
 * @deprecated Handlers need not wrap themselves: the runner applies the plugin's `mapError`
 * ({@link mapConfluenceError}) to every failure. Kept, as a pass-through, for tools not yet converted.
 */
export function withConfluenceErrors<T>(_ctx: ToolContext, work: () => Promise<T>): Promise<T> {
  return work();
}
