import { z } from '@mcpist/plugin-sdk';
import { blockRecord, toBlockRecord } from './normalize.js';

/**
 * Normalized records (DESIGN §3) of single blocks and of a page's sub-pages,
 * for the block tools and list_child_pages.
 */

/** One block with what list_blocks and update_block show of it. */
export const blockDetailRecord = blockRecord.extend({
  checked: z.boolean().nullable().describe('For a to_do block: whether it is ticked; null for other blocks'),
  has_children: z.boolean().describe('True when the block has nested blocks (list them with list_blocks on its id)'),
});

/** A block moved to the trash. */
export const trashedBlockRecord = blockRecord.extend({
  in_trash: z.boolean().describe('True once the block is in the trash'),
});

/** One sub-page or child database of a page. */
export const childPageRecord = z.object({
  id: z.string().describe('Page (or database) id; pass it to get_page (or query_database)'),
  title: z.string(),
  object: z.string().describe('page or database'),
  created_time: z.string(),
  last_edited_time: z.string(),
});

export type BlockDetailRecord = z.output<typeof blockDetailRecord>;
export type TrashedBlockRecord = z.output<typeof trashedBlockRecord>;
export type ChildPageRecord = z.output<typeof childPageRecord>;

/** A block as the block endpoints return it. */
export type NotionBlockObject = {
  id: string;
  type: string;
  has_children?: boolean;
  in_trash?: boolean;
  archived?: boolean;
  created_time?: string;
  last_edited_time?: string;
} & Record<string, unknown>;

export function toBlockDetailRecord(block: NotionBlockObject): BlockDetailRecord {
  const content = block[block.type] as { checked?: unknown; title?: unknown } | undefined;
  const base = toBlockRecord(block);
  return {
    ...base,
    // A sub-page or child database has a title instead of rich text.
    text: typeof content?.title === 'string' ? content.title : base.text,
    checked: block.type === 'to_do' ? content?.checked === true : null,
    has_children: block.has_children === true,
  };
}

export function toTrashedBlockRecord(block: NotionBlockObject): TrashedBlockRecord {
  return { ...toBlockRecord(block), in_trash: block.in_trash ?? block.archived ?? true };
}

/** A child_page or child_database block as the page or database it shows (the block id is that object's id). */
export function toChildPageRecord(block: NotionBlockObject): ChildPageRecord | undefined {
  if (block.type !== 'child_page' && block.type !== 'child_database') return undefined;
  const content = block[block.type] as { title?: string } | undefined;
  return {
    id: block.id,
    title: content?.title ?? '',
    object: block.type === 'child_page' ? 'page' : 'database',
    created_time: block.created_time ?? '',
    last_edited_time: block.last_edited_time ?? '',
  };
}
