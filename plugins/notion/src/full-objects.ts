import { UpstreamPermanentError } from '@mcpist/plugin-sdk';
import type { NotionDatabase, NotionPage } from './normalize.js';

/**
 * Notion answers with only `{ object, id }` (a "partial" object) when the
 * integration lacks the "Read content" capability. Tools that need the rest
 * say so plainly instead of returning empty records.
 */
function partial(what: string, id: string): UpstreamPermanentError {
  return new UpstreamPermanentError(
    `Notion returned only the id of ${what} ${id}: give the integration the "Read content" capability (https://www.notion.so/my-integrations).`,
  );
}

/** The response as a full page object (one with a `url`), or an explanation of why it is not one. */
export function fullPage(response: { object: string; id: string }): NotionPage {
  if (response.object !== 'page' || !('url' in response)) throw partial('page', response.id);
  return response as unknown as NotionPage;
}

/** The response as a full database object (one with a `title`), or an explanation of why it is not one. */
export function fullDatabase(response: { object: string; id: string }): NotionDatabase {
  if (response.object !== 'database' || !('title' in response)) throw partial('database', response.id);
  return response as unknown as NotionDatabase;
}
