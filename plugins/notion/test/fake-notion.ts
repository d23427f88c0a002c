/**
 * A fake Notion REST API on 127.0.0.1, for the plugin's tests and the core's
 * end-to-end tests. It answers with the documented response shapes of
 * Notion-Version 2025-09-03 (databases with data sources), paginates with
 * `has_more`/`next_cursor`, and checks the bearer token and the
 * `Notion-Version` header like Notion does.
 *
 * @example
 * const notion = await startFakeNotion({ rows: 150 });
 * await runTool(plugin, 'query_database', { database_id: notion.seed.database.id },
 *   { baseUrl: notion.url, credential: notion.token });
 * notion.route(NOTION_ROUTES.queryDataSource, () => internalServerError());
 * await notion.close();
 */
import {
  type FakeRequest,
  type FakeResponse,
  type FakeRoute,
  type FakeUpstream,
  startFakeUpstream,
} from '@mcpist/plugin-sdk/testing';
import { blockRoutes } from './fake-notion-blocks.js';
import {
  makeComment,
  makePage,
  type NotionJson,
  notionUrl,
  partialUser,
  richTextFromRequest,
  seedId,
  seedTime,
  titleProperty,
} from './fake-notion-data.js';
import { databaseRoutes } from './fake-notion-databases.js';
import { compileFilter, compileSorts, QueryError } from './fake-notion-query.js';
import {
  blocksFromRequest,
  checkRequest,
  listPage,
  objectNotFound,
  ok,
  propertyFromRequest,
  validationError,
} from './fake-notion-responses.js';
import { NOTION_ROUTES } from './fake-notion-routes.js';
import { buildSeed, type FakeNotionOptions, type FakeNotionSeed } from './fake-notion-seed.js';
import { createStore } from './fake-notion-store.js';

export type { NotionJson } from './fake-notion-data.js';
export { richText, seedId } from './fake-notion-data.js';
export {
  internalServerError,
  notionError,
  objectNotFound,
  rateLimited,
  validationError,
} from './fake-notion-responses.js';
export { NOTION_ROUTES } from './fake-notion-routes.js';
export type { FakeNotionOptions, FakeNotionSeed } from './fake-notion-seed.js';

/** An answer the fake sent, with the exact JSON text of its body. */
export interface FakeNotionResponse {
  key: string;
  status: number;
  body: string;
}

/** A running fake Notion: the SDK's fake upstream plus the token, the seed data and the answers sent. */
export type FakeNotion = FakeUpstream & {
  readonly token: string;
  readonly seed: FakeNotionSeed;
  /** Every JSON answer of the routes in {@link NOTION_ROUTES}, in order (for byte and token counts). */
  readonly responses: FakeNotionResponse[];
  /** Puts back the fake's own handler for `key` after a `route(key, …)` override, or for every route. */
  restore(key?: string): void;
};

type Body = Record<string, unknown>;

/** Page titles for search: the plain text of the title property. */
function titleOf(object: NotionJson): string {
  if (object.object === 'data_source') return (object.title as NotionJson[]).map((t) => t.plain_text).join('');
  const properties = Object.values(object.properties as Record<string, NotionJson>);
  const title = properties.find((property) => property.type === 'title');
  return ((title?.title as NotionJson[] | undefined) ?? []).map((t) => t.plain_text).join('');
}

/**
 * Starts a fake Notion on `127.0.0.1:0`, seeded per `options`. Requests
 * without the right token get Notion's 401 `unauthorized`; requests without
 * `Notion-Version` a 400 `missing_version`. Override any route of
 * {@link NOTION_ROUTES} with `route(key, handler)`; every request is in
 * `requests`, every answer's JSON in `responses`. Close it when done.
 */
export async function startFakeNotion(options: FakeNotionOptions = {}): Promise<FakeNotion> {
  const token = options.token ?? 'ntn_fakeToken000000000000000000000000000000000000';
  const upstream = await startFakeUpstream();
  let blockCounter = 0;
  const nextBlockId = () => seedId('block', ++blockCounter);
  let pageCounter = 0;
  let commentCounter = 100;
  const seed = buildSeed(options, nextBlockId);
  const responses: FakeNotionResponse[] = [];
  const store = createStore(seed, nextBlockId);
  const { botId, pageOf, blockOf, databaseOf, dataSourceOf, schemaOf } = store;
  const rowsOf = (dataSourceId: string) =>
    seed.pages.filter((page) => (page.parent as NotionJson).data_source_id === dataSourceId && page.in_trash === false);

  /** Request property values → response values, checked against the parent's schema (or title-only for sub-pages). */
  const toProperties = (
    input: unknown,
    schema: Record<string, NotionJson> | undefined,
  ): { values: Record<string, NotionJson> } | { error: FakeResponse } => {
    const values: Record<string, NotionJson> = {};
    for (const [key, raw] of Object.entries((input ?? {}) as Record<string, Body>)) {
      const entry = schema
        ? Object.entries(schema).find(([name, config]) => name === key || config.id === key)
        : key === 'title'
          ? (['title', { id: 'title', type: 'title' }] as const)
          : undefined;
      if (!entry) {
        const message = schema
          ? `${key} is not a property that exists.`
          : `Invalid property identifier for a page that is not in a data source: ${key}`;
        return { error: validationError(message) };
      }
      const [name, config] = entry;
      const type = config.type as string;
      if (typeof raw !== 'object' || raw === null || !(type in raw)) {
        return {
          error: validationError(`body.properties.${key}.${type} should be defined, instead was \`undefined\`.`),
        };
      }
      values[name] = propertyFromRequest(config.id as string, type, raw);
    }
    return { values };
  };

  const routes: Record<string, FakeRoute> = {
    [NOTION_ROUTES.search]: (request) => {
      const body = (request.body ?? {}) as Body;
      const filter = body.filter as { property?: string; value?: string } | undefined;
      if (filter && filter.value !== 'page' && filter.value !== 'data_source') {
        return validationError(
          `body.filter.value should be \`"page"\` or \`"data_source"\`, instead was \`${JSON.stringify(filter.value)}\`.`,
        );
      }
      const query = typeof body.query === 'string' ? body.query.toLowerCase() : '';
      let hits = [...seed.pages.filter((page) => page.in_trash === false), seed.dataSource]
        .filter((hit) => !filter || hit.object === filter.value)
        .filter((hit) => titleOf(hit).toLowerCase().includes(query));
      const sort = body.sort as { timestamp?: string; direction?: string } | undefined;
      if (sort?.timestamp === 'last_edited_time') {
        const sign = sort.direction === 'ascending' ? 1 : -1;
        hits = hits.sort((a, b) => sign * String(a.last_edited_time).localeCompare(String(b.last_edited_time)));
      }
      return listPage(request, hits, 'page_or_data_source');
    },
    [NOTION_ROUTES.getPage]: (request) => {
      const page = pageOf(request.params.page_id);
      return page ? ok(page) : objectNotFound('page', request.params.page_id ?? '');
    },
    [NOTION_ROUTES.createPage]: (request) => {
      const body = (request.body ?? {}) as Body;
      const parentIn = (body.parent ?? {}) as Body;
      let parent: NotionJson;
      let schema: Record<string, NotionJson> | undefined;
      if (typeof parentIn.page_id === 'string') {
        if (!pageOf(parentIn.page_id)) return objectNotFound('page', parentIn.page_id);
        parent = { type: 'page_id', page_id: parentIn.page_id };
      } else if (typeof parentIn.data_source_id === 'string') {
        const source = dataSourceOf(parentIn.data_source_id);
        if (!source) return objectNotFound('data_source', parentIn.data_source_id);
        const databaseId = (source.parent as NotionJson).database_id;
        parent = { type: 'data_source_id', data_source_id: parentIn.data_source_id, database_id: databaseId };
        schema = source.properties as Record<string, NotionJson>;
      } else {
        return validationError('body.parent.page_id or body.parent.data_source_id should be defined.');
      }
      const properties = toProperties(body.properties, schema);
      if ('error' in properties) return properties.error;
      const id = seedId('page', 50_000 + ++pageCounter);
      const page = makePage({ id, title: '', parent, minutes: 1000 + pageCounter, author: botId });
      const titleName = schema
        ? (Object.entries(schema).find(([, config]) => config.type === 'title')?.[0] ?? 'Name')
        : 'title';
      page.properties = { [titleName]: titleProperty(''), ...properties.values };
      page.url = notionUrl(titleOf(page), id);
      let children: NotionJson[] = [];
      if (body.children !== undefined) {
        const built = blocksFromRequest(body.children, { type: 'page_id', page_id: id }, nextBlockId, botId);
        if (!Array.isArray(built)) return built;
        children = built;
      }
      seed.pages.push(page);
      seed.blocks.set(id, children);
      return ok(page);
    },
    [NOTION_ROUTES.updatePage]: (request) => {
      const page = pageOf(request.params.page_id);
      if (!page) return objectNotFound('page', request.params.page_id ?? '');
      const body = (request.body ?? {}) as Body;
      if (page.in_trash === true && body.in_trash !== false) {
        return validationError("Can't edit block that is archived. You must unarchive the block before editing.");
      }
      const properties = toProperties(body.properties, schemaOf(page));
      if ('error' in properties) return properties.error;
      page.properties = { ...(page.properties as NotionJson), ...properties.values };
      const trashed = body.in_trash ?? body.archived;
      if (typeof trashed === 'boolean') {
        page.in_trash = trashed;
        page.archived = trashed;
      }
      page.last_edited_by = partialUser(botId);
      page.last_edited_time = seedTime(2000);
      return ok(page);
    },
    [NOTION_ROUTES.listBlockChildren]: (request) => {
      const id = request.params.block_id;
      if (!pageOf(id) && !blockOf(id)) return objectNotFound('block', id ?? '');
      // Trashed blocks are no longer children of anything, as in Notion.
      const children = (seed.blocks.get(id ?? '') ?? []).filter((block) => block.in_trash !== true);
      return listPage(request, children, 'block');
    },
    [NOTION_ROUTES.appendBlockChildren]: (request) => {
      const id = request.params.block_id ?? '';
      const parentBlock = blockOf(id);
      if (!pageOf(id) && !parentBlock) return objectNotFound('block', id);
      const parent = parentBlock ? { type: 'block_id', block_id: id } : { type: 'page_id', page_id: id };
      const built = blocksFromRequest((request.body as Body | undefined)?.children, parent, nextBlockId, botId);
      if (!Array.isArray(built)) return built;
      seed.blocks.set(id, [...(seed.blocks.get(id) ?? []), ...built]);
      if (parentBlock) parentBlock.has_children = true;
      return ok({ object: 'list', results: built, next_cursor: null, has_more: false, type: 'block', block: {} });
    },
    [NOTION_ROUTES.getDatabase]: (request) => {
      const database = databaseOf(request.params.database_id);
      return database ? ok(database) : objectNotFound('database', request.params.database_id ?? '');
    },
    [NOTION_ROUTES.getDataSource]: (request) => {
      const source = dataSourceOf(request.params.data_source_id);
      return source ? ok(source) : objectNotFound('data_source', request.params.data_source_id ?? '');
    },
    [NOTION_ROUTES.queryDataSource]: (request) => {
      const id = request.params.data_source_id ?? '';
      const source = dataSourceOf(id);
      if (!source) return objectNotFound('data_source', id);
      const body = (request.body ?? {}) as Body;
      const schema = source.properties as Record<string, NotionJson>;
      try {
        const rows = rowsOf(id).filter(compileFilter(body.filter, schema)).sort(compileSorts(body.sorts, schema));
        return listPage(request, rows, 'page_or_data_source');
      } catch (error) {
        if (error instanceof QueryError) return validationError(error.message);
        throw error;
      }
    },
    [NOTION_ROUTES.listUsers]: (request) => listPage(request, seed.users, 'user'),
    [NOTION_ROUTES.listComments]: (request) => {
      const blockId = request.query.get('block_id');
      if (!blockId) return validationError('query.block_id should be defined, instead was `undefined`.');
      if (!pageOf(blockId) && !blockOf(blockId)) return objectNotFound('block', blockId);
      const comments = seed.comments.filter((comment) => (comment.parent as NotionJson).page_id === blockId);
      return listPage(request, comments, 'comment');
    },
    [NOTION_ROUTES.createComment]: (request) => {
      const body = (request.body ?? {}) as Body;
      if (!Array.isArray(body.rich_text))
        return validationError('body.rich_text should be defined, instead was `undefined`.');
      const parentPageId = (body.parent as Body | undefined)?.page_id;
      let pageId: string;
      let discussionId: string;
      if (typeof body.discussion_id === 'string') {
        const thread = seed.comments.find((comment) => comment.discussion_id === body.discussion_id);
        if (!thread) return objectNotFound('discussion', body.discussion_id);
        pageId = (thread.parent as NotionJson).page_id as string;
        discussionId = body.discussion_id;
      } else if (typeof parentPageId === 'string') {
        if (!pageOf(parentPageId)) return objectNotFound('page', parentPageId);
        pageId = parentPageId;
        discussionId = seedId('discussion', ++commentCounter);
      } else {
        return validationError('body.parent or body.discussion_id should be defined.');
      }
      const id = seedId('comment', ++commentCounter);
      const comment = makeComment(id, pageId, discussionId, richTextFromRequest(body.rich_text), 1200, botId);
      seed.comments.push(comment);
      return ok(comment);
    },
    ...blockRoutes(store),
    ...databaseRoutes(store),
  };

  const own = new Map<string, FakeRoute>();
  for (const [key, handler] of Object.entries(routes)) {
    own.set(key, async (request: FakeRequest, fake) => {
      const answer = checkRequest(request, token) ?? (await handler(request, fake));
      if (answer.json !== undefined) {
        responses.push({ key, status: answer.status ?? 200, body: JSON.stringify(answer.json) });
      }
      return answer;
    });
  }
  const restore = (key?: string) => {
    for (const [routeKey, handler] of own) if (key === undefined || key === routeKey) upstream.route(routeKey, handler);
  };
  restore();
  return Object.assign(upstream, { token, seed, responses, restore });
}
