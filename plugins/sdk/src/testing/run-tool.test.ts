import { afterEach, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors.js';
import { OutputMismatchError } from './check-output.js';
import { type FakeUpstream, startFakeUpstream } from './fake-upstream.js';
import { notesPlugin as plugin } from './notes-plugin.fixture.js';
import { runTool } from './run-tool.js';

describe('the plugin test kit', () => {
  let fake: FakeUpstream | undefined;
  afterEach(() => fake?.close());

  it('runs a handler against a fake upstream and records the request', async () => {
    fake = await startFakeUpstream({
      'GET /notes/:id': (request) => ({ json: { id: request.params.id, text: 'hello' } }),
    });
    const result = await runTool(plugin, 'get_note', { id: 'n1' }, { baseUrl: fake.url, credential: 'secret' });
    expect(result).toEqual({ id: 'n1', text: 'hello' });
    expect(fake.count('GET /notes/:id')).toBe(1);
    expect(fake.requests[0]?.headers.authorization).toBe('Bearer secret');
  });

  it('maps failures through the plugin’s mapError, as the hub does', async () => {
    fake = await startFakeUpstream();
    await expect(runTool(plugin, 'get_note', { id: 'x' }, { baseUrl: fake.url })).rejects.toMatchObject({
      kind: 'not_found',
    });
    fake.route('GET /notes/:id', () => ({ status: 429, headers: { 'retry-after': '3' } }));
    await expect(runTool(plugin, 'get_note', { id: 'x' }, { baseUrl: fake.url })).rejects.toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 3000,
    });
  });

  it('validates input before the handler runs', async () => {
    await expect(runTool(plugin, 'get_note', { id: '' })).rejects.toBeInstanceOf(InvalidInputError);
  });

  it.each([
    ['a record missing a declared field', 'GET /notes/:id', { id: 'n1' }, 'get_note', /the record .*text/],
    ['a list for a record tool', 'GET /notes/:id', [{ id: 'n1', text: 'x' }], 'get_note', /returned an array/],
    [
      'a list record of the wrong type',
      'GET /notes',
      [
        { id: 'n1', text: 'x' },
        { id: 2, text: 'y' },
      ],
      'list_notes',
      /record \[1\].*id/,
    ],
    ['a list of strings', 'GET /notes', ['n1'], 'list_notes', /record \[0\] is a string/],
  ])('fails a test whose handler returns %s', async (_case, route, answer, tool, message) => {
    fake = await startFakeUpstream({ [route]: () => ({ json: answer }) });
    const error = await runTool(plugin, tool, { id: 'n1' }, { baseUrl: fake.url }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutputMismatchError);
    expect((error as Error).message).toMatch(message);
  });

  it('accepts extra fields, which the hub drops', async () => {
    fake = await startFakeUpstream({ 'GET /notes': () => ({ json: [{ id: 'n1', text: 'x', extra: true }] }) });
    await expect(runTool(plugin, 'list_notes', {}, { baseUrl: fake.url })).resolves.toHaveLength(1);
  });

  it('notices a client giving up on a hanging route', async () => {
    const controller = new AbortController();
    fake = await startFakeUpstream({
      'GET /notes/:id': () => {
        controller.abort();
        return { hang: true };
      },
    });
    const running = fake;
    await expect(
      runTool(plugin, 'get_note', { id: 'x' }, { baseUrl: running.url, signal: controller.signal }),
    ).rejects.toThrow();
    await expect.poll(() => running.abandoned).toBe(1);
  });
});
