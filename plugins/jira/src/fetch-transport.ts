import { type AtlassianCallOptions, parseBody, sendAtlassianRequest } from '@mcpist/atlassian';
import type { ToolLogger } from '@mcpist/plugin-sdk';
import * as jiraCore from 'jira.js/core';

/**
 * jira.js 6 sends every request with the global `fetch` and has no option for
 * another one or for an abort signal. Its factories accept any `Client` (an
 * object with `sendRequest`), so this module is that client: the request goes
 * through `@mcpist/atlassian`'s transport (the core's `fetch`, the call's
 * signal, jira.js's own error classes); what is jira.js's own stays here: how
 * it reads an answer against its response schemas.
 */

/** What the client needs from one tool call; the logger hears of answers jira.js's schemas do not describe. */
export interface FetchTransportOptions extends AtlassianCallOptions {
  logger: ToolLogger;
}

/** A `jira.js` client whose every request goes through `options.fetch` with `options.signal`. */
export function createFetchTransport(options: FetchTransportOptions): jiraCore.Client {
  return {
    async sendRequest<T>(request: jiraCore.SendRequestOptions<T>): Promise<T> {
      const answer = await sendAtlassianRequest(
        { ...options, product: 'Jira', userAgent: 'mcpist-plugin-jira', sdk: jiraCore },
        request,
      );
      const text = await answer.text();
      if (answer.status === 204 || text === '') return undefined as T;

      const endpoint = `${request.method ?? 'GET'} ${request.url}`;
      const contentType = answer.contentType;
      const data = contentType.includes('json') ? parseBody(text) : text;
      if (typeof data === 'string') {
        if (!request.schema) return data as T;
        // A login page or a proxy's HTML answering 200: the base URL does not point at Jira's API.
        throw new jiraCore.SchemaMismatchError(
          `Jira answered ${endpoint} with ${contentType || 'no content type'}, not JSON`,
          {
            endpoint,
            issues: [{ path: '', expected: 'application/json', received: contentType || 'no content type' }],
          },
        );
      }
      if (!request.schema) return data as T;
      const parsed = request.schema.safeParse(data);
      if (parsed.success) return parsed.data;
      // As jira.js's default ('warn'): Jira's shapes vary by tenant, so use the body as it came and say so in the log.
      options.logger.warn('Jira answered with a shape jira.js does not describe; using it unvalidated', {
        endpoint,
        paths: parsed.error.issues.slice(0, 5).map((issue) => issue.path.join('.')),
      });
      return data as T;
    },
  };
}
