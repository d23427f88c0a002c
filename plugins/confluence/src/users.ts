import type { ToolContext } from '@mcpist/plugin-sdk';
import { type Client, isApiError } from 'confluence.js/core';
import { confluenceV1 } from './api.js';

/** Account ids per bulk lookup request. */
const LOOKUP_BATCH = 100;

/**
 * Display names of Atlassian accounts, by account id. The v2 API names people
 * only by account id, which tells a reader nothing; one v1 bulk lookup per
 * hundred ids gives their names. A credential that may not read users (an
 * OAuth grant without `read:confluence-user`, answered 401/403) gets no names,
 * and the records keep the ids: the listing itself already succeeded.
 */
export async function displayNames(
  client: Client,
  accountIds: Iterable<string | null | undefined>,
  logger: ToolContext['logger'],
): Promise<Map<string, string>> {
  const ids = [...new Set([...accountIds].filter((id): id is string => typeof id === 'string' && id !== ''))];
  const names = new Map<string, string>();
  if (ids.length === 0) return names;
  const { getBulkUserLookup } = await confluenceV1();
  for (let i = 0; i < ids.length; i += LOOKUP_BATCH) {
    try {
      // Confluence takes the ids comma-separated in one accountId parameter.
      const { results } = await getBulkUserLookup(client, { accountId: ids.slice(i, i + LOOKUP_BATCH).join(',') });
      for (const user of results) if (user.accountId && user.displayName) names.set(user.accountId, user.displayName);
    } catch (error) {
      if (isApiError(error) && (error.status === 401 || error.status === 403)) {
        logger.warn('Confluence refused the user lookup; authors stay account ids', { status: error.status });
        return names;
      }
      throw error;
    }
  }
  return names;
}
