import type { Client } from '@notionhq/client';
import { MAX_PAGE_SIZE } from './client.js';
import type { BlockNode, NotionBlock } from './markdown/blocks-to-markdown.js';

/** Limits on how much of a page get_page reads. */
export interface BlockTreeLimits {
  /** Levels of blocks to read: 1 reads only the page's own blocks, 2 their children too, and so on. */
  maxDepth: number;
  /** Blocks to read in all; reading stops once this many are in hand. */
  maxBlocks: number;
}

/** A page's blocks as a tree, and whether limits cut it short. */
export interface BlockTree {
  nodes: BlockNode[];
  blockCount: number;
  truncated: boolean;
}

/** Children of these blocks are other pages and databases, not part of this page's content. */
const SEPARATE_CONTENT = new Set(['child_page', 'child_database']);

/**
 * Reads a page's (or block's) content: its children, following
 * `has_more`/`next_cursor` pages, and the children of every block that
 * `has_children`, depth-first up to `maxDepth` levels and `maxBlocks` blocks.
 * Requests run one after another: Notion allows about 3 per second anyway.
 */
export async function fetchBlockTree(notion: Client, blockId: string, limits: BlockTreeLimits): Promise<BlockTree> {
  let blockCount = 0;
  let truncated = false;

  const readChildren = async (parentId: string, depth: number): Promise<BlockNode[]> => {
    const nodes: BlockNode[] = [];
    let cursor: string | undefined;
    do {
      const remaining = limits.maxBlocks - blockCount;
      if (remaining <= 0) {
        truncated = true;
        break;
      }
      const page = await notion.blocks.children.list({
        block_id: parentId,
        start_cursor: cursor,
        page_size: Math.min(MAX_PAGE_SIZE, remaining),
      });
      for (const block of page.results as NotionBlock[]) {
        blockCount += 1;
        nodes.push({ block, children: [] });
      }
      cursor = page.has_more && page.next_cursor ? page.next_cursor : undefined;
    } while (cursor !== undefined);

    for (const node of nodes) {
      if (!node.block.has_children || SEPARATE_CONTENT.has(node.block.type)) continue;
      if (depth >= limits.maxDepth) {
        truncated = true;
        continue;
      }
      if (blockCount >= limits.maxBlocks) {
        truncated = true;
        break;
      }
      node.children = await readChildren(node.block.id, depth + 1);
    }
    return nodes;
  };

  const nodes = await readChildren(blockId, 1);
  return { nodes, blockCount, truncated };
}
