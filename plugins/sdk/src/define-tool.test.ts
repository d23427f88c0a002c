import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool } from './define-tool.js';
import { DefinitionError } from './definition-error.js';

const valid = {
  name: 'list_things',
  description: 'Lists things, for tests.',
  input: z.object({ owner: z.string(), limit: z.number().int().default(10) }),
  output: z.object({ id: z.number(), title: z.string() }),
  handler: async () => [],
};

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DefinitionError);
    return (error as DefinitionError).code;
  }
  throw new Error('expected a DefinitionError');
}

describe('defineTool', () => {
  it('computes schemas and output fields once, and treats tools as writes unless told', () => {
    const tool = defineTool(valid);
    expect(Object.isFrozen(tool)).toBe(true);
    expect(tool.inputSchema).toMatchObject({
      type: 'object',
      properties: { owner: { type: 'string' }, limit: { type: 'integer', default: 10 } },
      required: ['owner'],
    });
    expect(tool.inputSchema).not.toHaveProperty('$schema');
    expect(tool.outputFields).toEqual(['id', 'title']);
    expect(tool.returns).toBe('list');
    expect(tool.readOnly).toBe(false);
    expect(tool.dangerous).toBe(false);
  });

  it('marks tools without output as text tools', () => {
    const { output: _output, ...rest } = valid;
    expect(defineTool({ ...rest, handler: async () => 'text' }).returns).toBe('text');
  });

  it.each([
    ['a bad name', { name: 'List-Things' }, 'MCPIST_TOOL_NAME'],
    ['a missing description', { description: 'short' }, 'MCPIST_TOOL_DESCRIPTION'],
    ['an input that is not an object schema', { input: z.string() }, 'MCPIST_TOOL_INPUT'],
    ['the reserved input key "format"', { input: z.object({ format: z.string() }) }, 'MCPIST_TOOL_INPUT'],
    ['an output that is not an object schema', { output: z.array(z.string()) }, 'MCPIST_TOOL_OUTPUT'],
    ['an unknown returns value', { returns: 'many' }, 'MCPIST_TOOL_OUTPUT'],
    ['a missing handler', { handler: undefined }, 'MCPIST_TOOL_HANDLER'],
  ])('refuses %s', (_name, override, code) => {
    expect(codeOf(() => defineTool({ ...valid, ...override } as never))).toBe(code);
  });
});
