import { describe, expect, it } from 'vitest';
import { markdownToBlocks } from './markdown-to-blocks.js';

type Block = { type: string } & Record<
  string,
  { rich_text?: Array<{ text: { content: string } }> } & Record<string, unknown>
>;

function summary(markdown: string): Array<[string, string]> {
  return (markdownToBlocks(markdown) as unknown as Block[]).map((block) => [
    block.type,
    (block[block.type]?.rich_text ?? []).map((item) => item.text.content).join(''),
  ]);
}

describe('markdownToBlocks', () => {
  it.each([
    ['# One', [['heading_1', 'One']]],
    ['## Two ##', [['heading_2', 'Two']]],
    ['#### Four', [['heading_3', 'Four']]],
    [
      '- a\n* b\n+ c',
      [
        ['bulleted_list_item', 'a'],
        ['bulleted_list_item', 'b'],
        ['bulleted_list_item', 'c'],
      ],
    ],
    [
      '1. a\n2) b',
      [
        ['numbered_list_item', 'a'],
        ['numbered_list_item', 'b'],
      ],
    ],
    ['  - nested', [['bulleted_list_item', 'nested']]],
    [
      '- [ ] open\n- [x] done',
      [
        ['to_do', 'open'],
        ['to_do', 'done'],
      ],
    ],
    ['---', [['divider', '']]],
    ['> a\n> b', [['quote', 'a\nb']]],
    [
      'line one\nline two\n\nnext',
      [
        ['paragraph', 'line one\nline two'],
        ['paragraph', 'next'],
      ],
    ],
    [
      'text\n> quote\ntext',
      [
        ['paragraph', 'text'],
        ['quote', 'quote'],
        ['paragraph', 'text'],
      ],
    ],
    ['', []],
  ])('converts %j', (markdown, expected) => {
    expect(summary(markdown)).toEqual(expected);
  });

  it('marks to-dos as checked or not', () => {
    const [open, done] = markdownToBlocks('- [ ] a\n- [X] b') as unknown as Array<{ to_do: { checked: boolean } }>;
    expect([open?.to_do.checked, done?.to_do.checked]).toEqual([false, true]);
  });

  it('keeps fenced code verbatim, with Notion’s language name', () => {
    const blocks = markdownToBlocks('```ts\nconst a = **b**;\n\n# not a heading\n```\nafter');
    expect(blocks).toEqual([
      {
        object: 'block',
        type: 'code',
        code: {
          rich_text: [{ type: 'text', text: { content: 'const a = **b**;\n\n# not a heading' } }],
          language: 'typescript',
        },
      },
      { object: 'block', type: 'paragraph', paragraph: { rich_text: [{ type: 'text', text: { content: 'after' } }] } },
    ]);
    expect(markdownToBlocks('```brainfuck\n+\n```')[0]).toMatchObject({ code: { language: 'plain text' } });
  });

  it('handles Windows line endings', () => {
    expect(summary('# A\r\n- b\r\n')).toEqual([
      ['heading_1', 'A'],
      ['bulleted_list_item', 'b'],
    ]);
  });
});
