import { describe, expect, it } from 'vitest';
import { type BlockNode, renderBlocks } from './blocks-to-markdown.js';

let counter = 0;
const rt = (text: string) => [{ type: 'text', plain_text: text, href: null, annotations: {} }];
function node(type: string, content: Record<string, unknown>, children: BlockNode[] = []): BlockNode {
  counter += 1;
  return {
    block: { object: 'block', id: `b${counter}`, type, has_children: children.length > 0, [type]: content },
    children,
  };
}
const text = (type: string, value: string, children: BlockNode[] = []) =>
  node(type, { rich_text: rt(value) }, children);

describe('renderBlocks', () => {
  it('separates blocks by blank lines and list items by single line breaks', () => {
    const markdown = renderBlocks([
      text('heading_2', 'Plan'),
      text('paragraph', 'Intro'),
      text('bulleted_list_item', 'a'),
      text('bulleted_list_item', 'b'),
      text('paragraph', ''),
      text('paragraph', 'End'),
    ]);
    expect(markdown).toBe('## Plan\n\nIntro\n\n- a\n- b\n\nEnd');
  });

  it('numbers consecutive numbered items and restarts after another block', () => {
    const markdown = renderBlocks([
      text('numbered_list_item', 'a'),
      text('numbered_list_item', 'b'),
      text('paragraph', 'x'),
      text('numbered_list_item', 'c'),
    ]);
    expect(markdown).toBe('1. a\n2. b\n\nx\n\n1. c');
  });

  it('indents children of list items and prefixes children of quotes', () => {
    const markdown = renderBlocks([
      text('bulleted_list_item', 'parent', [text('bulleted_list_item', 'child', [text('to_do', 'deep')])]),
      text('numbered_list_item', 'step', [text('paragraph', 'detail')]),
      text('quote', 'said', [text('paragraph', 'more')]),
    ]);
    expect(markdown).toBe('- parent\n  - child\n    - [ ] deep\n1. step\n   detail\n\n> said\n> more');
  });

  it.each([
    ['to_do', { rich_text: rt('x'), checked: true }, '- [x] x'],
    ['code', { rich_text: rt('a\nb'), language: 'python' }, '```python\na\nb\n```'],
    ['code', { rich_text: rt('plain'), language: 'plain text' }, '```\nplain\n```'],
    ['callout', { rich_text: rt('Note'), icon: { type: 'emoji', emoji: '💡' } }, '> 💡 Note'],
    ['divider', {}, '---'],
    ['equation', { expression: 'a^2' }, '$$a^2$$'],
    [
      'image',
      { type: 'external', external: { url: 'https://i/x.png' }, caption: rt('chart') },
      '![chart](https://i/x.png)',
    ],
    [
      'file',
      { type: 'file', file: { url: 'https://f/y.pdf' }, caption: [], name: 'y.pdf' },
      '[y.pdf](https://f/y.pdf)',
    ],
    ['bookmark', { url: 'https://x.dev', caption: [] }, '[https://x.dev](https://x.dev)'],
    ['toggle', { rich_text: rt('More') }, '- More'],
    ['table_of_contents', {}, ''],
    ['mystery_block', {}, '_(unsupported Notion block: mystery_block)_'],
  ])('renders a %s block', (type, content, expected) => {
    expect(renderBlocks([node(type, content)])).toBe(expected);
  });

  it('renders child pages and databases with the id to read them by', () => {
    const page = node('child_page', { title: 'Specs' });
    expect(renderBlocks([page])).toBe(`[Page: Specs] (page id ${page.block.id})`);
  });

  it('renders tables from their rows, first row as header', () => {
    const row = (...cells: string[]) => node('table_row', { cells: cells.map(rt) });
    const table = node('table', { table_width: 2, has_column_header: true }, [row('Name', 'Qty'), row('a|b', '1')]);
    expect(renderBlocks([table])).toBe('| Name | Qty |\n| --- | --- |\n| a\\|b | 1 |');
  });

  it('renders columns and synced blocks as their content', () => {
    const columns = node('column_list', {}, [
      node('column', {}, [text('paragraph', 'left')]),
      node('column', {}, [text('paragraph', 'right')]),
    ]);
    expect(renderBlocks([columns])).toBe('left\n\nright');
  });
});
