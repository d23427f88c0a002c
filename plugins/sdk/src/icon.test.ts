import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePlugin } from './define-plugin.js';
import { defineTool } from './define-tool.js';
import { monogramIcon } from './icon.js';

const toolWith = (icons: unknown) =>
  defineTool({
    name: 'ping',
    description: 'Answers pong, for tests.',
    input: z.object({}),
    icons: icons as never,
    handler: async () => 'pong',
  });

const pluginWith = (icons: unknown) =>
  definePlugin({
    name: 'demo',
    displayName: 'Demo',
    description: 'A demo plugin.',
    version: '1.0.0',
    upstreamApiVersion: 'v1',
    baseUrl: 'https://api.example.com',
    icons: icons as never,
    tools: [toolWith(undefined)],
  });

describe('icons', () => {
  it('are carried by plugins and tools, frozen', () => {
    const icon = { src: 'https://example.com/icon.png', mimeType: 'image/png', sizes: ['48x48'] };
    expect(pluginWith([icon]).icons).toEqual([icon]);
    const tool = toolWith([icon]);
    expect(tool.icons).toEqual([icon]);
    expect(Object.isFrozen(tool.icons?.[0])).toBe(true);
    expect(toolWith(undefined).icons).toBeUndefined();
  });

  it.each([
    ['not an array', { src: 'https://example.com/a.png' }],
    ['no src', [{ mimeType: 'image/png' }]],
    ['an http: src', [{ src: 'http://example.com/a.png' }]],
    ['a javascript: src', [{ src: 'javascript:alert(1)' }]],
    ['an unknown theme', [{ src: 'https://example.com/a.png', theme: 'blue' }]],
    ['sizes that are not strings', [{ src: 'https://example.com/a.png', sizes: [48] }]],
  ])('refuse %s with MCPIST_ICON, on a plugin and on a tool', (_name, icons) => {
    expect(() => pluginWith(icons)).toThrow(expect.objectContaining({ code: 'MCPIST_ICON' }));
    expect(() => toolWith(icons)).toThrow(expect.objectContaining({ code: 'MCPIST_ICON' }));
  });

  it('monogramIcon draws letters as a self-contained SVG data URI', () => {
    const icon = monogramIcon('GH', '#24292f');
    expect(icon.mimeType).toBe('image/svg+xml');
    expect(icon.src.startsWith('data:image/svg+xml;base64,')).toBe(true);
    const svg = Buffer.from(icon.src.split(',')[1] ?? '', 'base64').toString('utf8');
    expect(svg).toContain('>GH</text>');
    expect(() => monogramIcon('<script>', '#000000')).toThrow(expect.objectContaining({ code: 'MCPIST_ICON' }));
    expect(() => monogramIcon('A', 'red')).toThrow(expect.objectContaining({ code: 'MCPIST_ICON' }));
  });
});
