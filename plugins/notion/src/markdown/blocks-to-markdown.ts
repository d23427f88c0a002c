import { type NotionRichText, plainText, richTextToMarkdown } from './rich-text.js';

/** The fields of a Notion block object this plugin reads; the content sits under the key named by `type`. */
export interface NotionBlock {
  object?: 'block';
  id: string;
  type: string;
  has_children?: boolean;
  [key: string]: unknown;
}

/** A block with the children fetched for it (empty when it has none or they were not fetched). */
export interface BlockNode {
  block: NotionBlock;
  children: BlockNode[];
}

/** The union of the per-type content fields this renderer reads. */
interface BlockContent {
  rich_text?: NotionRichText[];
  caption?: NotionRichText[];
  checked?: boolean;
  language?: string;
  expression?: string;
  title?: string;
  url?: string;
  type?: string;
  external?: { url: string };
  file?: { url: string };
  name?: string;
  icon?: { type?: string; emoji?: string } | null;
  cells?: NotionRichText[][];
  has_column_header?: boolean;
  page_id?: string;
  database_id?: string;
}

/** Blocks rendered as list lines: consecutive ones are not separated by a blank line. */
const LIST_TYPES = new Set(['bulleted_list_item', 'numbered_list_item', 'to_do', 'toggle']);

/** Containers whose children render in their place, at the same indentation. */
const TRANSPARENT_TYPES = new Set(['column_list', 'column', 'synced_block', 'tab', 'tab_item']);

/** Navigation aids with nothing to read. */
const SKIPPED_TYPES = new Set(['table_of_contents', 'breadcrumb']);

function contentOf(block: NotionBlock): BlockContent {
  const content = block[block.type];
  return typeof content === 'object' && content !== null ? (content as BlockContent) : {};
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? prefix.trimEnd() : `${prefix}${line}`))
    .join('\n');
}

function fileUrl(content: BlockContent): string {
  return content.external?.url ?? content.file?.url ?? content.url ?? '';
}

function table(node: BlockNode): string {
  const rows = node.children
    .filter((child) => child.block.type === 'table_row')
    .map((child) => (contentOf(child.block).cells ?? []).map((cell) => richTextToMarkdown(cell).replace(/\|/g, '\\|')));
  const width = Math.max(0, ...rows.map((row) => row.length));
  if (width === 0) return '';
  const line = (cells: string[]) => `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`;
  const [header = [], ...body] = rows;
  return [line(header), `|${' --- |'.repeat(width)}`, ...body.map(line)].join('\n');
}

/** The Markdown of one block without its children; `number` is its position in a numbered list. */
function renderOwn(block: NotionBlock, number: number): string {
  const content = contentOf(block);
  const text = richTextToMarkdown(content.rich_text);
  const caption = plainText(content.caption);
  switch (block.type) {
    case 'paragraph':
      return text;
    case 'heading_1':
      return `# ${text}`;
    case 'heading_2':
      return `## ${text}`;
    case 'heading_3':
    case 'heading_4':
      return `### ${text}`;
    case 'bulleted_list_item':
    case 'toggle':
      return `- ${text}`;
    case 'numbered_list_item':
      return `${number}. ${text}`;
    case 'to_do':
      return `- [${content.checked ? 'x' : ' '}] ${text}`;
    case 'quote':
      return indent(text, '> ');
    case 'callout': {
      const emoji = content.icon?.type === 'emoji' && content.icon.emoji ? `${content.icon.emoji} ` : '';
      return indent(`${emoji}${text}`, '> ');
    }
    case 'code':
      return `\`\`\`${content.language === 'plain text' ? '' : (content.language ?? '')}\n${plainText(content.rich_text)}\n\`\`\``;
    case 'equation':
      return `$$${content.expression ?? ''}$$`;
    case 'divider':
      return '---';
    case 'child_page':
      return `[Page: ${content.title ?? 'Untitled'}] (page id ${block.id})`;
    case 'child_database':
      return `[Database: ${content.title ?? 'Untitled'}] (database id ${block.id})`;
    case 'link_to_page':
      return `[Link to ${content.type === 'database_id' ? 'database' : 'page'}] (id ${content.page_id ?? content.database_id ?? ''})`;
    case 'image':
      return `![${caption}](${fileUrl(content)})`;
    case 'video':
    case 'audio':
    case 'file':
    case 'pdf':
      return `[${caption || content.name || block.type}](${fileUrl(content)})`;
    case 'bookmark':
    case 'embed':
    case 'link_preview':
      return `[${caption || content.url || block.type}](${content.url ?? ''})`;
    default:
      return text !== '' ? text : `_(unsupported Notion block: ${block.type})_`;
  }
}

function renderNode(node: BlockNode, number: number): string {
  const { block, children } = node;
  if (block.type === 'table') return table(node);
  if (TRANSPARENT_TYPES.has(block.type)) return renderBlocks(children);
  const own = renderOwn(block, number);
  if (children.length === 0) return own;
  const nested = renderBlocks(children);
  if (nested === '') return own;
  if (block.type === 'quote' || block.type === 'callout') return `${own}\n${indent(nested, '> ')}`;
  if (LIST_TYPES.has(block.type))
    return `${own}\n${indent(nested, block.type === 'numbered_list_item' ? '   ' : '  ')}`;
  return `${own}\n\n${nested}`;
}

/** Renders sibling blocks (and the children fetched for them) as Markdown. */
export function renderBlocks(nodes: readonly BlockNode[]): string {
  let out = '';
  let previousType: string | undefined;
  let number = 0;
  for (const node of nodes) {
    const type = node.block.type;
    if (SKIPPED_TYPES.has(type)) continue;
    number = type === 'numbered_list_item' ? (previousType === type ? number + 1 : 1) : 0;
    const text = renderNode(node, number);
    // Empty paragraphs are Notion's blank lines; the separators already give them.
    if (text === '') continue;
    if (previousType !== undefined) {
      out += LIST_TYPES.has(type) && LIST_TYPES.has(previousType) ? '\n' : '\n\n';
    }
    out += text;
    previousType = type;
  }
  return out;
}
