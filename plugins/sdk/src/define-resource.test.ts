import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contentResult, imageBlock, isContentResult, resourceBlock, textBlock, toBase64 } from './content.js';
import { definePlugin } from './define-plugin.js';
import { defineResource, defineResourceTemplate } from './define-resource.js';
import { defineTool } from './define-tool.js';
import { DefinitionError } from './definition-error.js';

const read = async () => 'text';
const lookup = defineTool({
  name: 'get_note',
  description: 'Reads one note, for tests.',
  input: z.object({}),
  readOnly: true,
  handler: async () => 'note',
});
const write = defineTool({
  name: 'put_note',
  description: 'Writes one note, for tests.',
  input: z.object({}),
  handler: async () => 'ok',
});
const note = defineResourceTemplate({
  name: 'note',
  description: 'One note by its id.',
  uriTemplate: 'demo://note/{id}',
  params: z.object({ id: z.string() }),
  read: async ({ id }) => id,
});

function codeOf(build: () => unknown): string | undefined {
  try {
    build();
  } catch (error) {
    return error instanceof DefinitionError ? error.code : 'not a DefinitionError';
  }
  return undefined;
}

const plugin = (more: Record<string, unknown>) => () =>
  definePlugin({
    name: 'demo',
    displayName: 'Demo',
    description: 'A demo plugin.',
    version: '1.0.0',
    upstreamApiVersion: 'v1',
    baseUrl: 'https://api.example.com',
    tools: [lookup, write],
    ...more,
  });

describe('defineResource and defineResourceTemplate', () => {
  it.each([
    ['a bad name', () => defineResource({ name: 'Bad', uri: 'demo://x', description: 'Long enough text.', read })],
    ['a short description', () => defineResource({ name: 'x', uri: 'demo://x', description: 'short', read })],
    [
      'a URI with variables',
      () => defineResource({ name: 'x', uri: 'demo://{id}', description: 'Long enough.', read }),
    ],
    [
      'a malformed MIME type',
      () => defineResource({ name: 'x', uri: 'demo://x', description: 'Long enough.', mimeType: 'markdown', read }),
    ],
  ])('refuses %s with MCPIST_RESOURCE', (_case, build) => {
    expect(codeOf(build)).toBe('MCPIST_RESOURCE');
  });

  it.each([
    ['no variable', 'demo://notes', z.object({})],
    ['a variable params lacks', 'demo://note/{id}', z.object({})],
    ['a params field the template lacks', 'demo://note/{id}', z.object({ id: z.string(), other: z.string() })],
    ['an unsupported expression', 'demo://note/{?id}', z.object({ id: z.string() })],
  ])('refuses a template with %s with MCPIST_RESOURCE_TEMPLATE', (_case, uriTemplate, params) => {
    expect(
      codeOf(() => defineResourceTemplate({ name: 'x', description: 'Long enough.', uriTemplate, params, read })),
    ).toBe('MCPIST_RESOURCE_TEMPLATE');
  });

  it('takes {+name} for values with slashes and defaults to Markdown', () => {
    const file = defineResourceTemplate({
      name: 'file',
      description: 'A file by path.',
      uriTemplate: 'demo://{owner}/{+path}',
      params: z.object({ owner: z.string(), path: z.string() }),
      read,
    });
    expect(file).toMatchObject({ variables: ['owner', 'path'], mimeType: 'text/markdown' });
  });
});

describe('definePlugin with resources', () => {
  it.each([
    [
      'a URI in another scheme',
      { resources: [defineResource({ name: 'x', uri: 'other://x', description: 'Long enough.', read })] },
    ],
    [
      'a name twice',
      {
        resources: [defineResource({ name: 'note', uri: 'demo://x', description: 'Long enough.', read })],
        resourceTemplates: [note],
      },
    ],
    ['requires naming no tool', { resourceTemplates: [{ ...note, requires: 'nope' }] }],
    ['requires naming a write', { resourceTemplates: [{ ...note, requires: 'put_note' }] }],
  ])('refuses %s with MCPIST_RESOURCE', (_case, more) => {
    expect(codeOf(plugin(more))).toBe('MCPIST_RESOURCE');
  });

  it('keeps resources and templates, frozen', () => {
    const built = plugin({ resourceTemplates: [{ ...note, requires: 'get_note' }] })();
    expect(built.resources).toEqual([]);
    expect(built.resourceTemplates.map((entry) => entry.name)).toEqual(['note']);
    expect(Object.isFrozen(built.resourceTemplates)).toBe(true);
  });
});

describe('content blocks', () => {
  it('encodes bytes as base64 and keeps base64 text as it is', () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    expect(imageBlock(bytes, 'image/png')).toEqual({ type: 'image', data: 'iVBORw==', mimeType: 'image/png' });
    expect(toBase64('iVBORw==')).toBe('iVBORw==');
    expect(resourceBlock({ uri: 'demo://b', blob: bytes.buffer })).toEqual({
      type: 'resource',
      resource: { uri: 'demo://b', blob: 'iVBORw==' },
    });
  });

  it('brands a content result and refuses an empty or unknown block', () => {
    expect(isContentResult(contentResult([textBlock('a')]))).toBe(true);
    expect(isContentResult({ content: [textBlock('a')] })).toBe(false);
    expect(() => contentResult([])).toThrow(TypeError);
    expect(() => contentResult([{ type: 'video' } as never])).toThrow(TypeError);
  });
});
