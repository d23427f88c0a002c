import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '../errors/error-codes.js';
import { referencedIds, substitute } from './references.js';

const results = new Map<string, unknown>([
  [
    'search',
    {
      items: [
        { id: 7, title: 'Crash on start', labels: ['bug'] },
        { id: 8, title: 'Docs' },
      ],
    },
  ],
  ['page', { id: 'abc', url: 'https://x' }],
]);

describe('references', () => {
  it('finds ids in nested params', () => {
    expect([...referencedIds({ a: ['${search.items[0].id}'], b: { c: 'x ${page.id} y' }, d: 3 })]).toEqual([
      'search',
      'page',
    ]);
  });

  it.each([
    ['${search.items[0].id}', 7],
    ['${search.items.length}', 2],
    ['${search.items[1].title}', 'Docs'],
    ['${search.items[0].labels}', ['bug']],
    ['Re: ${search.items[0].title} (${search.items.length})', 'Re: Crash on start (2)'],
    ['no reference here', 'no reference here'],
  ])('substitutes %s', (template, expected) => {
    expect(substitute({ value: template }, results)).toEqual({ value: expected });
  });

  it.each([['${search.items[5].id}'], ['${search.nothing}'], ['${page.id.deeper}'], ['${missing.id}']])(
    'fails with INVALID_PARAMS when %s resolves to nothing',
    (template) => {
      expect(() => substitute(template, results)).toThrowError(
        expect.objectContaining({ code: ErrorCodes.INVALID_PARAMS }),
      );
    },
  );
});
