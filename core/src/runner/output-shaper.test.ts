import { describe, expect, it } from 'vitest';
import { renderError, renderOutput, shapeOutput } from './output-shaper.js';

const list = { returns: 'list' as const, outputFields: ['id', 'title', 'url'] };

describe('output shaping', () => {
  it('keeps exactly the declared fields, in order, and renders TOON tables', () => {
    const value = shapeOutput(list, [
      { url: 'u1', title: 'First', id: 1, body: 'long text that must not reach the LLM' },
      { id: 2, title: 'Second' },
    ]);
    expect(value).toEqual({
      items: [
        { id: 1, title: 'First', url: 'u1' },
        { id: 2, title: 'Second', url: null },
      ],
    });
    expect(renderOutput(value, 'toon')).toBe('items[2]{id,title,url}:\n  1,First,u1\n  2,Second,null');
  });

  it('renders JSON on request', () => {
    expect(renderOutput(shapeOutput(list, [{ id: 1, title: 'A', url: 'u' }]), 'json')).toBe(
      '{"items":[{"id":1,"title":"A","url":"u"}]}',
    );
  });

  it('shapes one record and passes text through', () => {
    expect(shapeOutput({ returns: 'record', outputFields: ['id'] }, { id: 3, x: 1 })).toEqual({ id: 3 });
    const text = shapeOutput({ returns: 'text', outputFields: [] }, '# Title');
    expect(renderOutput(text, 'toon', true)).toBe('# Title');
    expect(renderOutput({ text: 'a record field' }, 'toon')).toBe('text: a record field');
  });

  it('renders errors as error[1]{code,message}', () => {
    expect(renderError({ code: 3001, message: 'github failed' }, 'toon')).toBe(
      'error[1]{code,message}:\n  3001,github failed',
    );
  });
});
