import { childElements, macroParameter, parseXhtml, textContent, type XElement, type XNode } from './xhtml-parser.js';

/**
 * Renders Confluence storage format as Markdown an LLM reads easily:
 * headings, paragraphs, emphasis, links, images, nested lists, task lists,
 * code (macros and `<pre>`), block quotes and callout macros, tables (as
 * GitHub tables), rules. Layouts and unknown containers are flattened to
 * their content; macros without a body (table of contents, …) are dropped.
 * It aims at faithful reading, not at a lossless round trip.
 */
export function storageToMarkdown(storage: string): string {
  return renderBlocks(parseXhtml(storage))
    .join('\n\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const BLOCK_ELEMENTS = new Set(
  [
    'p h1 h2 h3 h4 h5 h6 ul ol li table thead tbody tfoot tr pre blockquote hr div section article header footer',
    'ac:layout ac:layout-section ac:layout-cell ac:rich-text-body ac:task-list ac:adf-extension',
  ]
    .join(' ')
    .split(' '),
);

/** Macros that sit inside a line of text rather than forming a block. */
const INLINE_MACROS = new Set(['status', 'jira', 'anchor', 'mention']);

const CALLOUTS: Record<string, string> = { info: 'Info', note: 'Note', tip: 'Tip', warning: 'Warning' };

function isBlock(node: XNode): boolean {
  if (node.type === 'text') return false;
  if (node.name === 'ac:structured-macro') return !INLINE_MACROS.has(node.attrs['ac:name'] ?? '');
  return BLOCK_ELEMENTS.has(node.name);
}

/** Block-level nodes to Markdown blocks; runs of inline nodes between them become paragraphs. */
function renderBlocks(nodes: readonly XNode[]): string[] {
  const blocks: string[] = [];
  let inline: XNode[] = [];
  const flush = () => {
    const paragraph = tidy(renderInline(inline));
    if (paragraph !== '') blocks.push(paragraph);
    inline = [];
  };
  for (const node of nodes) {
    if (!isBlock(node)) {
      inline.push(node);
      continue;
    }
    flush();
    blocks.push(...renderBlock(node as XElement).filter((block) => block.trim() !== ''));
  }
  flush();
  return blocks;
}

function renderBlock(element: XElement): string[] {
  const heading = /^h([1-6])$/.exec(element.name);
  if (heading) {
    const text = tidy(renderInline(element.children)).replace(/\n/g, ' ');
    return text === '' ? [] : [`${'#'.repeat(Number(heading[1]))} ${text}`];
  }
  switch (element.name) {
    case 'p':
      return [tidy(renderInline(element.children))];
    case 'hr':
      return ['---'];
    case 'ul':
    case 'ol':
      return [renderList(element)];
    case 'pre':
      return [fence(textContent(element).replace(/\n$/, ''), '')];
    case 'blockquote':
      return [quote(renderBlocks(element.children).join('\n\n'))];
    case 'table':
      return [renderTable(element)];
    case 'ac:task-list':
      return [renderTasks(element)];
    case 'ac:structured-macro':
      return renderMacro(element);
    default:
      return renderBlocks(element.children);
  }
}

function renderMacro(macro: XElement): string[] {
  const name = macro.attrs['ac:name'] ?? '';
  if (name === 'code' || name === 'noformat') {
    const body = childElements(macro, 'ac:plain-text-body')[0];
    return [fence(body ? textContent(body) : '', macroParameter(macro, 'language') ?? '')];
  }
  const body = childElements(macro, 'ac:rich-text-body')[0];
  if (!body) return [];
  const content = renderBlocks(body.children);
  const title = macroParameter(macro, 'title');
  const callout = CALLOUTS[name];
  if (callout) return [quote([`**${title || callout}:**`, ...content].join('\n\n'))];
  return title ? [`**${title}**`, ...content] : content;
}

function renderList(list: XElement): string {
  const ordered = list.name === 'ol';
  const start = Number(list.attrs.start) || 1;
  return childElements(list, 'li')
    .map((item, index) => {
      const marker = ordered ? `${start + index}. ` : '- ';
      return indentAfterFirst(marker + renderBlocks(item.children).join('\n'), marker.length);
    })
    .join('\n');
}

function renderTasks(list: XElement): string {
  return childElements(list, 'ac:task')
    .map((task) => {
      const done = textContent(childElements(task, 'ac:task-status')[0] ?? task).trim() === 'complete';
      const body = childElements(task, 'ac:task-body')[0];
      const text = body ? renderBlocks(body.children).join('\n') : '';
      return indentAfterFirst(`- [${done ? 'x' : ' '}] ${text}`, 2);
    })
    .join('\n');
}

/** Rows of a table in document order, looking through thead/tbody/tfoot but not into nested tables. */
function tableRows(element: XElement): XElement[] {
  return childElements(element).flatMap((child) => {
    if (child.name === 'tr') return [child];
    return ['thead', 'tbody', 'tfoot'].includes(child.name) ? tableRows(child) : [];
  });
}

function renderTable(table: XElement): string {
  const rows = tableRows(table).map((row) =>
    childElements(row)
      .filter((cell) => cell.name === 'th' || cell.name === 'td')
      .map((cell) =>
        renderBlocks(cell.children)
          .join(' <br> ')
          .replace(/\s*\n\s*/g, ' ')
          .replace(/\|/g, '\\|'),
      ),
  );
  const width = Math.max(1, ...rows.map((cells) => cells.length));
  const line = (cells: string[]) =>
    `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`.replace(/ {2,}\|/g, ' |');
  const [header = [], ...body] = rows;
  return [line(header), line(Array(width).fill('---')), ...body.map(line)].join('\n');
}

/** A fenced code block whose fence is longer than any backtick run inside. */
function fence(code: string, language: string): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((match) => match[0].length));
  const marks = '`'.repeat(longest + 1);
  return `${marks}${language.replace(/\s+/g, '')}\n${code.replace(/\n+$/, '')}\n${marks}`;
}

function quote(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n');
}

function indentAfterFirst(text: string, width: number): string {
  const pad = ' '.repeat(width);
  return text
    .split('\n')
    .map((line, index) => (index === 0 || line === '' ? line : pad + line))
    .join('\n');
}

/** Collapses spaces around line breaks and at the ends, as a paragraph's text should be. */
function tidy(text: string): string {
  return text
    .replace(/[ \t]*\n[ \t]*/g, '\n')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

/** Wraps text in a Markdown marker, keeping surrounding spaces outside it (`** a **` is not bold). */
function wrap(text: string, marker: string): string {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(text);
  const core = match?.[2] ?? '';
  return core === '' ? text : `${match?.[1] ?? ''}${marker}${core}${marker}${match?.[3] ?? ''}`;
}

function inlineCode(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const ticks = '`'.repeat(longest + 1);
  return longest > 0 ? `${ticks} ${text} ${ticks}` : `${ticks}${text}${ticks}`;
}

function link(label: string, target: string | undefined): string {
  const text = label.trim();
  if (!target) return text;
  if (text === '' || text === target) return `<${target}>`;
  return `[${text}](${target.replace(/ /g, '%20').replace(/\)/g, '%29')})`;
}

function renderInline(nodes: readonly XNode[]): string {
  return nodes.map(renderInlineNode).join('');
}

function renderInlineNode(node: XNode): string {
  if (node.type === 'text') return node.cdata ? node.text : node.text.replace(/\s+/g, ' ');
  const inner = () => renderInline(node.children);
  switch (node.name) {
    case 'strong':
    case 'b':
      return wrap(inner(), '**');
    case 'em':
    case 'i':
    case 'cite':
      return wrap(inner(), '*');
    case 's':
    case 'del':
    case 'strike':
      return wrap(inner(), '~~');
    case 'code':
    case 'tt':
    case 'kbd':
      return inlineCode(textContent(node).replace(/\s+/g, ' '));
    case 'br':
      return '\n';
    case 'a':
      return link(inner(), node.attrs.href);
    case 'img':
      return `![${node.attrs.alt ?? ''}](${node.attrs.src ?? ''})`;
    case 'time':
      return node.attrs.datetime ?? inner();
    case 'ac:image':
      return renderImage(node);
    case 'ac:link':
      return renderConfluenceLink(node);
    case 'ac:emoticon':
      return node.attrs['ac:emoji-fallback'] ?? '';
    case 'ac:structured-macro':
      return renderInlineMacro(node);
    case 'ac:parameter':
    case 'ac:placeholder':
    case 'ac:task-id':
      return '';
    default:
      if (node.name.startsWith('ri:')) return '';
      // Block elements met inside a line (a <p> in a table cell) are separated by a space.
      return isBlock(node) ? ` ${inner()} ` : inner();
  }
}

function resourceTarget(element: XElement): { url?: string; title?: string } {
  const resource = childElements(element).find((child) => child.name.startsWith('ri:'));
  if (!resource) return {};
  const attrs = resource.attrs;
  switch (resource.name) {
    case 'ri:url':
      return { url: attrs['ri:value'] };
    case 'ri:page':
    case 'ri:blog-post':
      return { title: attrs['ri:content-title'] };
    case 'ri:attachment':
      return { title: attrs['ri:filename'] };
    case 'ri:user':
      return { title: attrs['ri:username'] ? `@${attrs['ri:username']}` : '@user' };
    case 'ri:space':
      return { title: attrs['ri:space-key'] };
    default:
      return {};
  }
}

function renderImage(image: XElement): string {
  const { url, title } = resourceTarget(image);
  return `![${image.attrs['ac:alt'] ?? image.attrs['ac:title'] ?? ''}](${(url ?? title ?? '').replace(/ /g, '%20')})`;
}

function renderConfluenceLink(element: XElement): string {
  const { url, title } = resourceTarget(element);
  const body = childElements(element).find(
    (child) => child.name === 'ac:plain-text-link-body' || child.name === 'ac:link-body',
  );
  const label = body ? renderInline(body.children) : '';
  const anchor = element.attrs['ac:anchor'];
  if (url) return link(label, url);
  return (label.trim() || title || (anchor ? `#${anchor}` : '')).trim();
}

function renderInlineMacro(macro: XElement): string {
  switch (macro.attrs['ac:name']) {
    case 'status':
      return `[${(macroParameter(macro, 'title') ?? '').toUpperCase()}]`;
    case 'jira':
      return macroParameter(macro, 'key') ?? '';
    default:
      return '';
  }
}
