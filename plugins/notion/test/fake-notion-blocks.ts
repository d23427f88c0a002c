/**
 * The fake Notion's single-block endpoints: retrieve, update and delete a
 * block (`/v1/blocks/:block_id`). An update names the block's own type
 * (`{ "to_do": { "checked": true } }`) and may not change it; a trashed block
 * can be neither edited nor trashed again; deleting a `child_page` block
 * trashes the page it shows, as in Notion.
 */
import type { FakeRoute } from '@mcpist/plugin-sdk/testing';
import { type NotionJson, partialUser, richTextFromRequest, seedTime } from './fake-notion-data.js';
import { objectNotFound, ok, validationError } from './fake-notion-responses.js';
import { NOTION_ROUTES } from './fake-notion-routes.js';
import type { FakeNotionStore } from './fake-notion-store.js';

const ARCHIVED = "Can't edit block that is archived. You must unarchive the block before editing.";

/** Keys a block update may carry besides the type's own object. */
const COMMON_KEYS = new Set(['in_trash', 'archived', 'type']);

export function blockRoutes(store: FakeNotionStore): Record<string, FakeRoute> {
  let edits = 0;
  const touch = (block: NotionJson) => {
    edits += 1;
    block.last_edited_by = partialUser(store.botId);
    block.last_edited_time = seedTime(3000 + edits);
  };
  const trash = (block: NotionJson, trashed: boolean) => {
    block.in_trash = trashed;
    block.archived = trashed;
    const page = block.type === 'child_page' ? store.pageOf(block.id as string) : undefined;
    if (page) {
      page.in_trash = trashed;
      page.archived = trashed;
    }
  };

  return {
    [NOTION_ROUTES.getBlock]: (request) => {
      const block = store.blockOf(request.params.block_id);
      return block ? ok(block) : objectNotFound('block', request.params.block_id ?? '');
    },
    [NOTION_ROUTES.updateBlock]: (request) => {
      const block = store.blockOf(request.params.block_id);
      if (!block) return objectNotFound('block', request.params.block_id ?? '');
      const body = (request.body ?? {}) as NotionJson;
      const trashed = body.in_trash ?? body.archived;
      if (block.in_trash === true && trashed !== false) return validationError(ARCHIVED);
      const type = block.type as string;
      const other = Object.keys(body).find((key) => key !== type && !COMMON_KEYS.has(key));
      if (other !== undefined) {
        return validationError(
          `body.${type} should be defined, instead was \`undefined\`. (body.${other} is not ${type})`,
        );
      }
      const update = body[type];
      if (update !== undefined) {
        if (typeof update !== 'object' || update === null) {
          return validationError(`body.${type} should be an object, instead was \`${JSON.stringify(update)}\`.`);
        }
        const content = block[type] as NotionJson;
        for (const [key, value] of Object.entries(update as NotionJson)) {
          content[key] = key === 'rich_text' ? richTextFromRequest(value) : value;
        }
      }
      if (typeof trashed === 'boolean') trash(block, trashed);
      touch(block);
      return ok(block);
    },
    [NOTION_ROUTES.deleteBlock]: (request) => {
      const block = store.blockOf(request.params.block_id);
      if (!block) return objectNotFound('block', request.params.block_id ?? '');
      if (block.in_trash === true) return validationError(ARCHIVED);
      trash(block, true);
      touch(block);
      return ok(block);
    },
  };
}
