import { type AtlassianCallOptions, parseBody, sendAtlassianRequest } from '@mcpist/atlassian';
import * as confluenceCore from 'confluence.js/core';

/**
 * A confluence.js `Client` whose every request goes through the given
 * `fetch` and `signal`. confluence.js's own `createClient` always calls the
 * global fetch and takes no abort signal; its endpoint functions accept any
 * object with `sendRequest`, and this is one. The request goes through
 * `@mcpist/atlassian`'s transport (failures are confluence.js's own
 * `ApiError` subclasses or `NetworkError`, aborts come back unchanged); what is
 * confluence.js's own stays here: downloads as bytes, and responses validated
 * against the endpoint's schema, a mismatch failing as its `SchemaMismatchError`.
 * Request paths start with `/wiki`, so the connection's API root is the site
 * (or gateway) root.
 */
export function createFetchClient(options: AtlassianCallOptions): confluenceCore.Client {
  return {
    async sendRequest<T>(request: confluenceCore.SendRequestOptions<T>): Promise<T> {
      const answer = await sendAtlassianRequest(
        { ...options, product: 'Confluence', userAgent: 'mcpist-plugin-confluence', sdk: confluenceCore },
        request,
      );
      if (answer.status === 204) return undefined as T;
      // As confluence.js's own client: a download endpoint declares BufferSchema, and its body is the file's bytes
      // under the file's own content type (text/plain is as likely as image/png), so it is never parsed.
      if ((request.schema as unknown) === confluenceCore.BufferSchema) return (await answer.bytes()) as T;
      const data = parseBody(await answer.text());
      if (request.schema === undefined || data === undefined) return data as T;
      const parsed = request.schema.safeParse(data);
      if (!parsed.success) {
        throw new confluenceCore.SchemaMismatchError(
          `Confluence answered ${request.method ?? 'GET'} ${request.url} in an unexpected shape`,
          typeof data === 'string' ? data : JSON.stringify(data),
          { cause: parsed.error },
        );
      }
      return parsed.data;
    },
  };
}
