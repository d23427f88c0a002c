import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePlugin, isPluginDefinition, type PluginSpec } from './define-plugin.js';
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
  upstream: { apiVersion: 'v1', versionSource: { kind: 'url', url: 'https://api.example.com/changelog' } },
  baseUrl: 'https://api.example.com',
  tools: [tool],
} as const;

describe('definePlugin', () => {
  it('returns a frozen definition branded with the plugin API version', () => {
    const plugin = definePlugin(spec);
    expect(Object.isFrozen(plugin)).toBe(true);
    expect(plugin.pluginApiVersion).toBe(PLUGIN_API_VERSION);
    expect(isPluginDefinition(plugin)).toBe(true);
  });

  it('freezes the definition all the way down, leaving the spec the caller passed alone', () => {
    const scopes = ['repo'];
    const plugin = definePlugin({
      ...spec,
      auth: { oauth2: { authorizeUrl: 'https://a.example', tokenUrl: 'https://t.example', scopes } },
      rateLimits: { requestsPerSecond: 3 },
    });
    const frozenScopes = plugin.auth?.oauth2?.scopes as string[];
    expect(() => frozenScopes.push('admin')).toThrow(TypeError);
    expect(() => Object.assign(plugin.rateLimits ?? {}, { requestsPerSecond: 1000 })).toThrow(TypeError);
    expect(() => Object.assign(plugin.upstream ?? {}, { apiVersion: 'v2' })).toThrow(TypeError);
    expect(() => (plugin.tools as unknown[]).push(tool)).toThrow(TypeError);
    expect(() => Object.assign(plugin.tools[0]?.inputSchema ?? {}, { type: 'array' })).toThrow(TypeError);
    expect(plugin.auth?.oauth2?.scopes).toEqual(['repo']);
    scopes.push('admin');
    expect(plugin.auth?.oauth2?.scopes).toEqual(['repo']);
  });

  it('carries the upstream declaration, and accepts the older upstreamApiVersion alone', () => {
    expect(definePlugin(spec)).toMatchObject({ upstreamApiVersion: 'v1', upstream: spec.upstream });
    const { upstream: _upstream, ...older } = spec;
    expect(definePlugin({ ...older, upstreamApiVersion: 'v0' })).toMatchObject({
      upstreamApiVersion: 'v0',
      upstream: undefined,
    });
  });

  it('keeps mapError as the plugin declared it', () => {
    const mapError = (error: unknown) => error;
    expect(definePlugin({ ...spec, mapError }).mapError).toBe(mapError);
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
    ['no upstream API version', { upstream: undefined }, 'MCPIST_PLUGIN_FIELD'],
    ['an empty upstream API version', { upstream: { ...spec.upstream, apiVersion: ' ' } }, 'MCPIST_PLUGIN_FIELD'],
    [
      'an unknown version source',
      { upstream: { apiVersion: 'v1', versionSource: { kind: 'rss' } } },
      'MCPIST_PLUGIN_FIELD',
    ],
    [
      'a version source URL that is not a URL',
      { upstream: { apiVersion: 'v1', versionSource: { kind: 'url', url: 'changelog' } } },
      'MCPIST_PLUGIN_FIELD',
    ],
    [
      'an npm version source without a package',
      { upstream: { apiVersion: 'v1', versionSource: { kind: 'npm', package: '' } } },
      'MCPIST_PLUGIN_FIELD',
    ],
    ['two different API versions', { upstreamApiVersion: 'v2' }, 'MCPIST_PLUGIN_FIELD'],
    ['a mapError that is not a function', { mapError: 'github' }, 'MCPIST_PLUGIN_FIELD'],
  ])('refuses %s', (_name, override, code) => {
    const bad = { ...spec, ...override } as unknown as PluginSpec;
    expect(() => definePlugin(bad)).toThrowError(expect.objectContaining({ code }));
    expect(() => definePlugin(bad)).toThrow(DefinitionError);
  });
});
