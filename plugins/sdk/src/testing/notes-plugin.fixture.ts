import { z } from 'zod';
import { definePlugin } from '../define-plugin.js';
import { defineTool } from '../define-tool.js';
import { errorFromHttpStatus } from '../errors.js';

/** What the notes fixture's client throws on a failed response, as an upstream SDK would. */
export class NotesHttpError extends Error {
  constructor(
    readonly status: number,
    readonly retryAfter: string | null,
  ) {
    super(`notes answered ${status}`);
  }
}

/** A small plugin for the test kit's own tests: one record tool, one list tool, one that returns the wrong shape. */
export const notesPlugin = definePlugin({
  name: 'notes',
  displayName: 'Notes',
  description: 'A notes service, for tests.',
  version: '1.0.0',
  upstream: { apiVersion: 'v1', versionSource: { kind: 'npm', package: 'notes-client' } },
  baseUrl: 'https://notes.example.com',
  auth: { token: {} },
  mapError: (error) =>
    error instanceof NotesHttpError
      ? errorFromHttpStatus({ status: error.status, message: 'notes failed', retryAfter: error.retryAfter })
      : error,
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
        if (!response.ok) throw new NotesHttpError(response.status, response.headers.get('retry-after'));
        return (await response.json()) as { id: string; text: string };
      },
    }),
    defineTool({
      name: 'list_notes',
      description: 'Lists notes. Returns id and text per note.',
      input: z.object({ tag: z.enum(['work', 'home']).default('work'), limit: z.number().int().optional() }),
      output: z.object({ id: z.string(), text: z.string() }),
      readOnly: true,
      handler: async (_input, ctx) => {
        const response = await ctx.fetch(`${ctx.baseUrl}/notes`, { signal: ctx.signal });
        return (await response.json()) as Array<{ id: string; text: string }>;
      },
    }),
    defineTool({
      name: 'delete_note',
      description: 'Deletes a note for good.',
      input: z.object({ id: z.string() }),
      dangerous: true,
      handler: async () => 'deleted',
    }),
  ],
});
