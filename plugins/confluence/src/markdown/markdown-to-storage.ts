import { escapeXml, inlineToStorage } from './markdown-inline.js';

/**
 * Converts Markdown (CommonMark's common blocks plus GitHub tables and
 * strikethrough) to Confluence storage format: headings, paragraphs, nested
 * lists, fenced code (as Confluence's code macro), block quotes, rules and
 * tables. Raw HTML in the Markdown is escaped, never passed through, so the
 * result is always well-formed XHTML.
 */
export function markdownToStorage(markdown: string): string {
  return renderBlocks(markdown.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').split('\n'));
}

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)[^`]*$/;
const HEADING = /^ {0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const LIST_ITEM = /^( *)([-*+]|\d{1,9}[.)])(?: +(.*)|$)/;
const TABLE_SEPARATOR = /^ *\|? *:?-+:? *(\| *:?-+:? *)*\|? *$/;

function isTableStart(lines: readonly string[], index: number): boolean {
  return (lines[index] ?? '').includes('|') && TABLE_SEPARATOR.test(lines[index + 1] ?? '');
}

/** True when a line begins a block other than a paragraph (so it ends the paragraph before it). */
function startsBlock(lines: readonly string[], index: number): boolean {
  const line = lines[index] ?? '';
  return (
    FENCE.test(line) ||
    HEADING.test(line) ||
    RULE.test(line) ||
    QUOTE.test(line) ||
    LIST_ITEM.test(line) ||
    isTableStart(lines, index)
  );
}

function renderBlocks(lines: readonly string[]): string {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      i += 1;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1] ?? '```';
      const body: string[] = [];
      i += 1;
      while (i < lines.length && !new RegExp(`^ {0,3}${marker[0]}{${marker.length},}\\s*$`).test(lines[i] ?? '')) {
        body.push(lines[i] ?? '');
        i += 1;
      }
      i += 1;
      out.push(codeMacro(body.join('\n'), fence[2] ?? ''));
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const level = heading[1]?.length ?? 1;
      out.push(`<h${level}>${inlineToStorage(heading[2] ?? '')}</h${level}>`);
      i += 1;
      continue;
    }
    if (RULE.test(line)) {
      out.push('<hr />');
      i += 1;
      continue;
    }
    if (QUOTE.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i] ?? '')) {
        inner.push(QUOTE.exec(lines[i] ?? '')?.[1] ?? '');
        i += 1;
      }
      out.push(`<blockquote>${renderBlocks(inner)}</blockquote>`);
      continue;
    }
    if (isTableStart(lines, i)) {
      const rows: string[] = [lines[i] ?? ''];
      i += 2;
      while (i < lines.length && (lines[i] ?? '').includes('|') && (lines[i] ?? '').trim() !== '') {
        rows.push(lines[i] ?? '');
        i += 1;
      }
      out.push(table(rows));
      continue;
    }
    if (LIST_ITEM.test(line)) {
      const block: string[] = [];
      while (i < lines.length) {
        const current = lines[i] ?? '';
        const indented = /^ {2,}\S/.test(current);
        if (current.trim() === '') {
          // A blank line continues the list only if more of it follows.
          const next = lines[i + 1] ?? '';
          if (!LIST_ITEM.test(next) && !/^ {2,}\S/.test(next)) break;
        } else if (!LIST_ITEM.test(current) && !indented && block.length > 0 && startsBlock(lines, i)) {
          break;
        } else if (!LIST_ITEM.test(current) && !indented && (lines[i - 1] ?? '').trim() === '') {
          break;
        }
        block.push(current);
        i += 1;
      }
      const items = parseItems(block);
      for (let next = 0; next < items.length; ) {
        const rendered = list(items, next);
        out.push(rendered.html);
        next = rendered.next;
      }
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && (lines[i] ?? '').trim() !== '' && (paragraph.length === 0 || !startsBlock(lines, i))) {
      paragraph.push((lines[i] ?? '').replace(/^ +/, ''));
      i += 1;
    }
    out.push(`<p>${inlineToStorage(paragraph.join('\n'))}</p>`);
  }
  return out.join('');
}

function codeMacro(code: string, language: string): string {
  const parameter = language === '' ? '' : `<ac:parameter ac:name="language">${escapeXml(language)}</ac:parameter>`;
  // CDATA cannot contain "]]>": split it across two sections.
  const body = code.replace(/]]>/g, ']]]]><![CDATA[>');
  return `<ac:structured-macro ac:name="code">${parameter}<ac:plain-text-body><![CDATA[${body}]]></ac:plain-text-body></ac:structured-macro>`;
}

function cells(row: string): string[] {
  const trimmed = row
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '');
  return trimmed.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

function table(rows: readonly string[]): string {
  const [header = '', ...body] = rows;
  const headerCells = cells(header);
  const row = (values: string[], tag: 'th' | 'td') =>
    `<tr>${headerCells.map((_, index) => `<${tag}>${inlineToStorage(values[index] ?? '')}</${tag}>`).join('')}</tr>`;
  return `<table><tbody>${row(headerCells, 'th')}${body.map((line) => row(cells(line), 'td')).join('')}</tbody></table>`;
}

interface ListItem {
  indent: number;
  ordered: boolean;
  /** Where the item's text starts; continuation lines indented at least this much belong to it. */
  contentIndent: number;
  lines: string[];
}

/** Splits a list block into items with their indentation; other lines continue the item above. */
function parseItems(block: readonly string[]): ListItem[] {
  const items: ListItem[] = [];
  for (const line of block) {
    const match = LIST_ITEM.exec(line);
    const last = items[items.length - 1];
    const indent = match?.[1]?.length ?? 0;
    // A marker indented past the previous item's text starts a nested list; so does any marker within it.
    if (match && (!last || indent < last.contentIndent + 4)) {
      const marker = match[2] ?? '-';
      items.push({
        indent,
        ordered: /\d/.test(marker),
        contentIndent: indent + marker.length + 1,
        lines: [match[3] ?? ''],
      });
    } else if (last) {
      last.lines.push(line.trim() === '' ? '' : line.replace(/^ +/, ''));
    }
  }
  return items;
}

/**
 * Renders the items from `start` at one nesting level; deeper items nest
 * inside the item before them. A shallower item, or one of the other kind
 * (bullet vs. number) at the same level, ends the list.
 */
function list(items: readonly ListItem[], start: number): { html: string; next: number } {
  const first = items[start];
  if (!first) return { html: '', next: start + 1 };
  const tag = first.ordered ? 'ol' : 'ul';
  const parts: string[] = [];
  let i = start;
  while (i < items.length) {
    const item = items[i] as ListItem;
    if (item.indent < first.indent || (item.indent === first.indent && item.ordered !== first.ordered)) break;
    if (item.indent > first.indent) {
      // Deeper than this level without an item above at this level: render it as a nested list of its own.
      const nested = list(items, i);
      parts.push(`<li>${nested.html}</li>`);
      i = nested.next;
      continue;
    }
    const text = item.lines.join('\n').trim();
    let inner = text === '' ? '' : inlineToStorage(text.replace(/\n{2,}/g, '\n'));
    i += 1;
    while (i < items.length && (items[i]?.indent ?? 0) > item.indent) {
      const nested = list(items, i);
      inner += nested.html;
      i = nested.next;
    }
    parts.push(`<li>${inner}</li>`);
  }
  return { html: `<${tag}>${parts.join('')}</${tag}>`, next: i };
}
