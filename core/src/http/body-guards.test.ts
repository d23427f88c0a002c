import { describe, expect, it } from 'vitest';
import { findInputProblem } from './body-guards.js';

const nested = (levels: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
};

describe('findInputProblem', () => {
  it('finds nothing in storable input', () => {
    expect(findInputProblem({ a: [1, 'two', { three: null }], b: true }, { root: 'body' })).toBeUndefined();
    expect(findInputProblem('plain', { root: 'body' })).toBeUndefined();
  });

  it('names the first offending field in document order, through arrays and objects', () => {
    const body = { fine: 'x', fields: { list: ['ok', { site: 'a\u0000b' }], later: '\u0000' } };
    expect(findInputProblem(body, { root: 'body' })).toEqual({
      field: 'fields.list[1].site',
      message: 'contains a NUL character (\\u0000), which cannot be stored',
    });
  });

  it('names a key that cannot be stored, before the values below it', () => {
    expect(findInputProblem({ outer: { 'bad\ud800': 1, deep: '\u0000' } }, { root: 'body' })).toEqual({
      field: 'outer.bad\ud800',
      message: 'key contains an unpaired UTF-16 surrogate, which cannot be stored',
    });
  });

  it('names the root for a problem at the top', () => {
    expect(findInputProblem('\u0000', { root: 'query' })?.field).toBe('query');
  });

  it('refuses nesting past the limit and names where it went too deep; text is not checked when told so', () => {
    expect(findInputProblem(nested(3), { root: 'body', maxDepth: 3 })).toBeUndefined();
    expect(findInputProblem(nested(4), { root: 'body', maxDepth: 3 })).toEqual({
      field: 'a.a.a',
      message: 'nests deeper than 3 levels',
    });
    expect(findInputProblem({ a: '\u0000' }, { root: 'body', checkText: false })).toBeUndefined();
  });

  it('walks a hostile depth without overflowing the stack', () => {
    expect(findInputProblem(nested(100_000), { root: 'body' })?.message).toBe('nests deeper than 64 levels');
  });
});
