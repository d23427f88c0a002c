import { describe, expect, it } from 'vitest';
import { adfToText, textToAdf } from './adf.js';

const doc = (...content: unknown[]) => ({ type: 'doc', version: 1, content });
const p = (...content: unknown[]) => ({ type: 'paragraph', content });
const t = (text: string, marks?: unknown[]) => ({ type: 'text', text, ...(marks ? { marks } : {}) });
const item = (...content: unknown[]) => ({ type: 'listItem', content });

describe('adfToText', () => {
  it.each([
    [
      'paragraphs, one per line, marks ignored',
      doc(p(t('Hello '), t('world', [{ type: 'strong' }])), p(t('Second'))),
      'Hello world\nSecond',
    ],
    ['a hard break', doc(p(t('a'), { type: 'hardBreak' }, t('b'))), 'a\nb'],
    [
      'a heading and a code block',
      doc(
        { type: 'heading', attrs: { level: 2 }, content: [t('Title')] },
        { type: 'codeBlock', content: [t('npm test')] },
      ),
      'Title\nnpm test',
    ],
    [
      'a bullet list with a nested list',
      doc({
        type: 'bulletList',
        content: [item(p(t('one')), { type: 'bulletList', content: [item(p(t('inner')))] }), item(p(t('two')))],
      }),
      '- one\n  - inner\n- two',
    ],
    [
      'an ordered list from its start',
      doc({ type: 'orderedList', attrs: { order: 3 }, content: [item(p(t('c'))), item(p(t('d')))] }),
      '3. c\n4. d',
    ],
    [
      'mentions, emoji, links, status and dates',
      doc(
        p(
          { type: 'mention', attrs: { id: 'x', text: '@Mia' } },
          t(' '),
          { type: 'emoji', attrs: { shortName: ':tada:', text: '🎉' } },
          t(' '),
          { type: 'inlineCard', attrs: { url: 'https://example.com' } },
          t(' '),
          { type: 'status', attrs: { text: 'BLOCKED' } },
          t(' '),
          { type: 'date', attrs: { timestamp: '1767225600000' } },
        ),
      ),
      '@Mia 🎉 https://example.com [BLOCKED] 2026-01-01',
    ],
    [
      'a quote, a rule and a panel',
      doc(
        { type: 'blockquote', content: [p(t('quoted'))] },
        { type: 'rule' },
        { type: 'panel', attrs: { panelType: 'info' }, content: [p(t('note'))] },
      ),
      '> quoted\n---\nnote',
    ],
    [
      'a table',
      doc({
        type: 'table',
        content: [
          {
            type: 'tableRow',
            content: [
              { type: 'tableHeader', content: [p(t('A'))] },
              { type: 'tableHeader', content: [p(t('B'))] },
            ],
          },
          {
            type: 'tableRow',
            content: [
              { type: 'tableCell', content: [p(t('1'))] },
              { type: 'tableCell', content: [p(t('2'))] },
            ],
          },
        ],
      }),
      'A | B\n1 | 2',
    ],
    [
      'a task list',
      doc({
        type: 'taskList',
        content: [
          { type: 'taskItem', attrs: { state: 'DONE' }, content: [t('ship')] },
          { type: 'taskItem', attrs: { state: 'TODO' }, content: [t('test')] },
        ],
      }),
      '[x] ship\n[ ] test',
    ],
    [
      'media, left out',
      doc(p(t('see')), { type: 'mediaSingle', content: [{ type: 'media', attrs: { id: 'm' } }] }),
      'see',
    ],
  ])('renders %s', (_case, value, expected) => {
    expect(adfToText(value)).toBe(expected);
  });

  it.each([
    [null, null],
    [undefined, null],
    [doc(), null],
    [doc(p()), null],
    ['wiki *text*', 'wiki *text*'],
  ])('renders %j as %j', (value, expected) => {
    expect(adfToText(value)).toBe(expected);
  });
});

describe('textToAdf', () => {
  it('makes paragraphs of blank-line blocks and hard breaks of single newlines, with no empty text nodes', () => {
    expect(textToAdf('a\r\nb\n\n\n  c  \n\n')).toEqual(doc(p(t('a'), { type: 'hardBreak' }, t('b')), p(t('c'))));
  });

  it('round-trips through adfToText', () => {
    const text = 'First line\nsecond line\n\nNext paragraph';
    expect(adfToText(textToAdf(text))).toBe('First line\nsecond line\nNext paragraph');
  });
});
