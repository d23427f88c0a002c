import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { definePlugin } from '../define-plugin.js';
import { defineTool } from '../define-tool.js';
import { errorFromHttpStatus, InvalidInputError } from '../errors.js';
import { startFakeUpstream } from './fake-upstream.js';
import { runTool } from './run-tool.js';

const plugin = definePlugin({
  name: 'notes',
  displayName: 'Notes',
  description: 'A notes service, for tests.',
  version: '1.0.0',
  upstreamApiVersion: 'v1',
  baseUrl: 'https://notes.example.com',
  auth: { token: {} },
  tools: [
    defineTool({
      name: 'get_note',
      description: 'Gets one note by id.',
      input: z.object({ id: z.string().min(1) }),
      output: z.object({ id: z.string(), text: z.string() }),
      returns: 'record',
      readOnly: true,
      handler: async ({ id }, ctx) => {
        const response = await ctx.fetch(`${ctx.baseUrl}/notes/${id}`, {
          headers: { authorization: `Bearer ${ctx.credential?.token}` },
          signal: ctx.signal,
        });
        if (!response.ok) throw errorFromHttpStatus({ status: response.status, message: 'notes failed' });
        return (await response.json()) as { id: string; text: string };
      },
    }),
  ],
});

describe('the plugin test kit', () => {
  it('runs a handler against a fake upstream and records the request', async () => {
    const fake = await startFakeUpstream({
      'GET /notes/:id': (request) => ({ json: { id: request.params.id, text: 'hello' } }),
    });
    try {
      const result = await runTool(plugin, 'get_note', { id: 'n1' }, { baseUrl: fake.url, credential: 'secret' });
      expect(result).toEqual({ id: 'n1', text: 'hello' });
      expect(fake.count('GET /notes/:id')).toBe(1);
      expect(fake.requests[0]?.headers.authorization).toBe('Bearer secret');
    } finally {
      await fake.close();
    }
  });

  it('answers unmatched routes with 404 and lets tests replace routes', async () => {
    const fake = await startFakeUpstream();
    try {
      await expect(runTool(plugin, 'get_note', { id: 'x' }, { baseUrl: fake.url })).rejects.toMatchObject({
        kind: 'not_found',
      });
      fake.route('GET /notes/:id', () => ({ status: 500, json: {} }));
      await expect(runTool(plugin, 'get_note', { id: 'x' }, { baseUrl: fake.url })).rejects.toMatchObject({
        kind: 'upstream_transient',
      });
    } finally {
      await fake.close();
    }
  });

  it('validates input before the handler runs', async () => {
    await expect(runTool(plugin, 'get_note', { id: '' })).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('notices a client giving up on a hanging route', async () => {
    const client = new AbortController();
    // The client gives up once the request has arrived and hangs.
    const fake = await startFakeUpstream({
      'GET /notes/:id': () => {
        setImmediate(() => client.abort());
        return { hang: true };
      },
    });
    try {
      const signal = client.signal;
      await expect(runTool(plugin, 'get_note', { id: 'x' }, { baseUrl: fake.url, signal })).rejects.toThrow();
      await vi.waitFor(() => expect(fake.abandoned).toBe(1));
    } finally {
      await fake.close();
    }
  });
});
