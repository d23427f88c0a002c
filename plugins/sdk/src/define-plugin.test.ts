import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePlugin, isPluginDefinition } from './define-plugin.js';
import { defineTool } from './define-tool.js';
import { DefinitionError } from './definition-error.js';
import { PLUGIN_API_VERSION } from './version.js';

const tool = defineTool({
  name: 'ping',
  description: 'Answers pong, for tests.',
  input: z.object({}),
  handler: async () => 'pong',
});

const spec = {
  name: 'demo',
  displayName: 'Demo',
  description: 'A demo plugin.',
  version: '1.0.0',
  upstreamApiVersion: 'v1',
  baseUrl: 'https://api.example.com',
  tools: [tool],
};

describe('definePlugin', () => {
  it('returns a frozen definition branded with the plugin API version', () => {
    const plugin = definePlugin(spec);
    expect(Object.isFrozen(plugin)).toBe(true);
    expect(plugin.pluginApiVersion).toBe(PLUGIN_API_VERSION);
    expect(isPluginDefinition(plugin)).toBe(true);
  });

  it('recognises the brand of another SDK copy, and nothing unbranded', () => {
    expect(isPluginDefinition({ ...spec, pluginApiVersion: '1.0.0', [Symbol.for('mcpist.plugin')]: true })).toBe(true);
    expect(isPluginDefinition({ ...spec, pluginApiVersion: '1.0.0' })).toBe(false);
    expect(isPluginDefinition(null)).toBe(false);
  });

  it.each([
    ['a bad name', { name: 'Demo Plugin' }, 'MCPIST_PLUGIN_NAME'],
    ['a missing display name', { displayName: '' }, 'MCPIST_PLUGIN_FIELD'],
    ['a base URL that is not a URL', { baseUrl: 'api.example.com' }, 'MCPIST_PLUGIN_FIELD'],
    ['no tools', { tools: [] }, 'MCPIST_PLUGIN_TOOLS'],
    ['a tool declared twice', { tools: [tool, tool] }, 'MCPIST_PLUGIN_TOOLS'],
  ])('refuses %s', (_name, override, code) => {
    expect(() => definePlugin({ ...spec, ...override })).toThrowError(expect.objectContaining({ code }));
    expect(() => definePlugin({ ...spec, ...override })).toThrow(DefinitionError);
  });
});
