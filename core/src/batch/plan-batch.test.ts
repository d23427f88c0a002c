import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '../errors/error-codes.js';
import { McpistError } from '../errors/mcpist-error.js';
import { parseBatch } from './parse-batch.js';
import { planBatch } from './plan-batch.js';

const line = (command: Record<string, unknown>) => JSON.stringify({ module: 'github', tool: 'get_issue', ...command });

function rejection(run: () => unknown): McpistError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(McpistError);
    return error as McpistError;
  }
  throw new Error('expected a rejection');
}

describe('parseBatch', () => {
  it.each([
    ['invalid JSON', '{"id": "a",', 1],
    ['a non-object line', '[1,2]', 1],
    ['an unknown key', line({ id: 'a', later: true }), 1],
    ['a bad id', line({ id: '1a' }), 1],
    ['a missing tool', JSON.stringify({ id: 'a', module: 'github' }), 1],
    ['non-object params', line({ id: 'a', params: 'x' }), 1],
    ['non-array after', line({ id: 'a', after: 'b' }), 1],
    ['a bad line after a good one', `${line({ id: 'a' })}\nnot json`, 2],
  ])('rejects %s with INVALID_PARAMS naming the line', (_name, jsonl, lineNumber) => {
    const error = rejection(() => parseBatch(jsonl));
    expect(error.code).toBe(ErrorCodes.INVALID_PARAMS);
    expect(error.data).toEqual({ line: lineNumber });
  });

  it('rejects an empty batch', () => {
    expect(rejection(() => parseBatch('\n  \n')).code).toBe(ErrorCodes.INVALID_PARAMS);
  });

  it('reads defaults and skips blank lines', () => {
    const [command] = parseBatch(`\n${line({ id: 'a' })}\n`);
    expect(command).toMatchObject({ id: 'a', params: {}, after: [], output: false, line: 2 });
  });
});

describe('planBatch', () => {
  it.each([
    ['a duplicate id', [line({ id: 'a' }), line({ id: 'a' })], { id: 'a' }],
    ['an unknown dependency', [line({ id: 'a', after: ['zz'] })], { id: 'a', dependency: 'zz' }],
    ['an unknown reference', [line({ id: 'a', params: { q: '${zz.items[0].id}' } })], { id: 'a', dependency: 'zz' }],
    ['a self dependency', [line({ id: 'a', after: ['a'] })], { id: 'a' }],
    [
      'a cycle through after',
      [line({ id: 'a', after: ['c'] }), line({ id: 'b', after: ['a'] }), line({ id: 'c', after: ['b'] })],
      { cycle: ['a', 'c', 'b', 'a'] },
    ],
    [
      'a cycle through references',
      [line({ id: 'a', params: { x: '${b.n}' } }), line({ id: 'b', params: { x: '${a.n}' } })],
      { cycle: ['a', 'b', 'a'] },
    ],
  ])('rejects %s', (_name, lines, data) => {
    const error = rejection(() => planBatch(parseBatch(lines.join('\n')), 50));
    expect(error.code).toBe(ErrorCodes.INVALID_PARAMS);
    expect(error.data).toEqual(data);
  });

  it('rejects more commands than the maximum', () => {
    const lines = Array.from({ length: 4 }, (_, i) => line({ id: `c${i}` }));
    expect(rejection(() => planBatch(parseBatch(lines.join('\n')), 3)).data).toEqual({ max_commands: 3 });
  });

  it('treats references as dependencies', () => {
    const plan = planBatch(
      parseBatch([line({ id: 's' }), line({ id: 'n', params: { title: 'About ${s.items[0].title}' } })].join('\n')),
      50,
    );
    expect([...(plan.dependencies.get('n') ?? [])]).toEqual(['s']);
    expect(plan.hasReferences.has('n')).toBe(true);
    expect(plan.hasReferences.has('s')).toBe(false);
  });
});
