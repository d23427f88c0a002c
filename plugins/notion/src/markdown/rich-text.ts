/**
 * Notion rich text ↔ Markdown inline syntax. Reading keeps bold, italic,
 * strikethrough, inline code and links; writing understands the same subset
 * (`**bold**`, `*italic*` or `_italic_`, `~~strike~~`, `` `code` ``,
 * `[text](https://…)`), without nesting.
 */

/** The fields of a Notion rich text item this plugin reads. */
export interface NotionRichText {
  type?: string;
  plain_text: string;
  href?: string | null;
  annotations?: {
    bold?: boolean;
    italic?: boolean;
    strikethrough?: boolean;
    underline?: boolean;
    code?: boolean;
  };
  equation?: { expression: string };
}

/** A text rich text item as Notion accepts it in requests. */
export interface RichTextRequest {
  type: 'text';
  text: { content: string; link?: { url: string } };
  annotations?: { bold?: boolean; italic?: boolean; strikethrough?: boolean; code?: boolean };
}

/** Notion refuses a text item whose content is longer than this. */
export const MAX_TEXT_CONTENT = 2000;

/** The text of a rich text array without formatting, as Notion's `plain_text` gives it. */
export function plainText(richText: readonly NotionRichText[] | undefined | null): string {
  return (richText ?? []).map((item) => item.plain_text).join('');
}

function wrap(text: string, marker: string): string {
  // Markdown emphasis may not start or end with a space: keep the spaces outside the markers.
  const match = /^(\s*)(.*?)(\s*)$/s.exec(text);
  if (!match || match[2] === '') return text;
  return `${match[1]}${marker}${match[2]}${marker}${match[3]}`;
}

/** One rich text array as Markdown inline text. */
export function richTextToMarkdown(richText: readonly NotionRichText[] | undefined | null): string {
  return (richText ?? [])
    .map((item) => {
      if (item.type === 'equation' && item.equation) return `$${item.equation.expression}$`;
      const annotations = item.annotations ?? {};
      let text = item.plain_text;
      if (annotations.code) text = wrap(text, '`');
      if (annotations.bold) text = wrap(text, '**');
      if (annotations.italic) text = wrap(text, '*');
      if (annotations.strikethrough) text = wrap(text, '~~');
      if (item.href) text = `[${text}](${item.href})`;
      return text;
    })
    .join('');
}

/** Splits text into pieces Notion accepts, preferring to break at a space. */
function splitContent(content: string): string[] {
  const pieces: string[] = [];
  let rest = content;
  while (rest.length > MAX_TEXT_CONTENT) {
    const space = rest.lastIndexOf(' ', MAX_TEXT_CONTENT);
    const cut = space > MAX_TEXT_CONTENT / 2 ? space + 1 : MAX_TEXT_CONTENT;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  pieces.push(rest);
  return pieces;
}

function textItems(content: string, annotations?: RichTextRequest['annotations'], url?: string): RichTextRequest[] {
  if (content === '') return [];
  return splitContent(content).map((piece) => ({
    type: 'text',
    text: url ? { content: piece, link: { url } } : { content: piece },
    ...(annotations ? { annotations } : {}),
  }));
}

const INLINE =
  /`([^`]+)`|\*\*([^*]+)\*\*|~~([^~]+)~~|\[([^\]]+)\]\(([^)\s]+)\)|(?<![\w*])\*([^*\s](?:[^*]*[^*\s])?)\*(?![\w*])|(?<![\w_])_([^_\s](?:[^_]*[^_\s])?)_(?![\w_])/g;

/** Notion only accepts absolute web and mail links; anything else stays plain text. */
function isLinkable(url: string): boolean {
  return /^(?:https?:\/\/|mailto:)/i.test(url);
}

/** Markdown inline text as a Notion rich text array. */
export function markdownToRichText(markdown: string): RichTextRequest[] {
  const items: RichTextRequest[] = [];
  let last = 0;
  for (const match of markdown.matchAll(INLINE)) {
    const [whole, code, bold, strike, linkText, linkUrl, starItalic, underscoreItalic] = match;
    items.push(...textItems(markdown.slice(last, match.index)));
    if (code !== undefined) items.push(...textItems(code, { code: true }));
    else if (bold !== undefined) items.push(...textItems(bold, { bold: true }));
    else if (strike !== undefined) items.push(...textItems(strike, { strikethrough: true }));
    else if (linkText !== undefined && linkUrl !== undefined) {
      items.push(...(isLinkable(linkUrl) ? textItems(linkText, undefined, linkUrl) : textItems(whole)));
    } else items.push(...textItems(starItalic ?? underscoreItalic ?? whole, { italic: true }));
    last = match.index + whole.length;
  }
  items.push(...textItems(markdown.slice(last)));
  return items;
}
