/**
 * Atlassian Document Format (ADF), the JSON tree Jira's REST API v3 uses for
 * rich text (descriptions, comments). An LLM reads and writes plain text, so
 * the plugin converts at the edge: documents become readable text on the way
 * out, text becomes a minimal document on the way in.
 */

/** One ADF node; only the parts this converter reads. */
export interface AdfNode {
  type?: string;
  text?: string;
  attrs?: Record<string, unknown>;
  content?: AdfNode[];
}

/**
 * A top-level ADF document, as Jira v3 accepts it for `description` and comment
 * `body`. A type alias, not an interface, so it fits jira.js's index-signed
 * document type.
 */
export type AdfDocument = {
  type: 'doc';
  version: 1;
  content: AdfNode[];
};

function attr(node: AdfNode, name: string): string | undefined {
  const value = node.attrs?.[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

function inline(nodes: readonly AdfNode[] | undefined): string {
  return (nodes ?? []).map(inlineNode).join('');
}

function inlineNode(node: AdfNode): string {
  switch (node.type) {
    case 'text':
      return node.text ?? '';
    case 'hardBreak':
      return '\n';
    case 'mention':
      return attr(node, 'text') ?? `@${attr(node, 'id') ?? 'someone'}`;
    case 'emoji':
      return attr(node, 'text') ?? attr(node, 'shortName') ?? '';
    case 'inlineCard':
    case 'blockCard':
    case 'embedCard':
      return attr(node, 'url') ?? '';
    case 'status':
      return `[${attr(node, 'text') ?? ''}]`;
    case 'date': {
      const timestamp = Number(attr(node, 'timestamp'));
      return Number.isFinite(timestamp) ? new Date(timestamp).toISOString().slice(0, 10) : '';
    }
    default:
      return node.content ? inline(node.content) : (node.text ?? '');
  }
}

function indent(text: string, prefix: string, rest: string): string {
  return text
    .split('\n')
    .map((line, i) => (i === 0 ? prefix : rest) + line)
    .join('\n');
}

function blocks(nodes: readonly AdfNode[] | undefined): string {
  return (nodes ?? [])
    .map(block)
    .filter((text) => text !== '')
    .join('\n');
}

function block(node: AdfNode): string {
  switch (node.type) {
    case 'paragraph':
    case 'heading':
    case 'codeBlock':
      return inline(node.content);
    case 'bulletList':
      return (node.content ?? []).map((item) => indent(blocks(item.content), '- ', '  ')).join('\n');
    case 'orderedList': {
      const start = Number(attr(node, 'order') ?? 1) || 1;
      return (node.content ?? [])
        .map((item, i) => {
          const marker = `${start + i}. `;
          return indent(blocks(item.content), marker, ' '.repeat(marker.length));
        })
        .join('\n');
    }
    case 'taskItem':
      return `[${attr(node, 'state') === 'DONE' ? 'x' : ' '}] ${inline(node.content)}`;
    case 'blockquote':
      return indent(blocks(node.content), '> ', '> ');
    case 'rule':
      return '---';
    case 'table':
      return (node.content ?? [])
        .map((row) => (row.content ?? []).map((cell) => blocks(cell.content).replace(/\n/g, ' ')).join(' | '))
        .join('\n');
    case 'media':
    case 'mediaGroup':
    case 'mediaSingle':
    case 'mediaInline':
      return '';
    default:
      // Containers (panel, expand, layouts, task and decision lists) hold blocks; unknown leaves hold inline text.
      return node.content?.some((child) => child.content !== undefined || child.type === 'rule')
        ? blocks(node.content)
        : inlineNode(node);
  }
}

/**
 * Plain text of an ADF document: one line per paragraph, lists as `- ` or
 * `1. ` items, tables as `a | b` rows. Returns null for an empty or absent
 * document, and a string value unchanged (REST v2 and some custom fields
 * still carry plain strings).
 */
export function adfToText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value !== 'object') return null;
  const text = blocks((value as AdfNode).content).trim();
  return text === '' ? null : text;
}

/**
 * A minimal ADF document for plain text: blank lines separate paragraphs,
 * single newlines become hard breaks. Jira rejects empty text nodes, so none
 * are produced.
 */
export function textToAdf(text: string): AdfDocument {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');
  return {
    type: 'doc',
    version: 1,
    content: paragraphs.map((paragraph) => ({
      type: 'paragraph',
      content: paragraph
        .split('\n')
        .flatMap((line, i): AdfNode[] => [
          ...(i > 0 ? [{ type: 'hardBreak' }] : []),
          ...(line === '' ? [] : [{ type: 'text', text: line }]),
        ]),
    })),
  };
}
