import { describe, expect, it } from 'vitest';
import { MAX_TEXT_CONTENT, markdownToRichText, plainText, richTextToMarkdown } from './rich-text.js';

const item = (plain_text: string, annotations: Record<string, boolean> = {}, href: string | null = null) => ({
  type: 'text',
  plain_text,
  href,
  annotations,
});

describe('rich text', () => {
  it.each([
    ['plain', [item('hello')], 'hello'],
    ['bold', [item('a '), item('b', { bold: true })], 'a **b**'],
    ['italic keeps spaces outside', [item(' b ', { italic: true })], ' *b* '],
    ['code', [item('x()', { code: true })], '`x()`'],
    ['strikethrough', [item('old', { strikethrough: true })], '~~old~~'],
    ['bold link', [item('docs', { bold: true }, 'https://x.dev')], '[**docs**](https://x.dev)'],
    ['equation', [{ type: 'equation', plain_text: 'e=mc^2', equation: { expression: 'e=mc^2' } }], '$e=mc^2$'],
  ])('renders %s as Markdown', (_case, richText, markdown) => {
    expect(richTextToMarkdown(richText)).toBe(markdown);
  });

  it('joins plain text and tolerates missing arrays', () => {
    expect(plainText([item('a'), item('b', { bold: true })])).toBe('ab');
    expect(plainText(undefined)).toBe('');
    expect(richTextToMarkdown(null)).toBe('');
  });

  it.each([
    ['plain', 'hello', [{ type: 'text', text: { content: 'hello' } }]],
    [
      'bold, italic, strike and code',
      '**b** *i* _u_ ~~s~~ `c`',
      [
        { type: 'text', text: { content: 'b' }, annotations: { bold: true } },
        { type: 'text', text: { content: ' ' } },
        { type: 'text', text: { content: 'i' }, annotations: { italic: true } },
        { type: 'text', text: { content: ' ' } },
        { type: 'text', text: { content: 'u' }, annotations: { italic: true } },
        { type: 'text', text: { content: ' ' } },
        { type: 'text', text: { content: 's' }, annotations: { strikethrough: true } },
        { type: 'text', text: { content: ' ' } },
        { type: 'text', text: { content: 'c' }, annotations: { code: true } },
      ],
    ],
    [
      'a web link',
      'see [docs](https://x.dev/a)',
      [
        { type: 'text', text: { content: 'see ' } },
        { type: 'text', text: { content: 'docs', link: { url: 'https://x.dev/a' } } },
      ],
    ],
    ['a relative link stays text', '[a](./b)', [{ type: 'text', text: { content: '[a](./b)' } }]],
    ['snake_case is not italic', 'snake_case_name', [{ type: 'text', text: { content: 'snake_case_name' } }]],
    ['a lone star is text', '2 * 3 = 6', [{ type: 'text', text: { content: '2 * 3 = 6' } }]],
  ])('parses %s', (_case, markdown, expected) => {
    expect(markdownToRichText(markdown)).toEqual(expected);
  });

  it('splits text longer than Notion’s 2000 characters per item', () => {
    const long = `${'word '.repeat(900)}end`;
    const items = markdownToRichText(long);
    expect(items.length).toBe(3);
    expect(items.every((entry) => entry.text.content.length <= MAX_TEXT_CONTENT)).toBe(true);
    expect(items.map((entry) => entry.text.content).join('')).toBe(long);
  });
});
