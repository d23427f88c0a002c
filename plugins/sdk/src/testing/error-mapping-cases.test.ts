import { describe, expect, it } from 'vitest';
import { definePlugin } from '../define-plugin.js';
import { errorFromHttpStatus } from '../errors.js';
import { errorMappingCases } from './error-mapping-cases.js';
import { startFakeUpstream } from './fake-upstream.js';
import { NotesHttpError, notesPlugin } from './notes-plugin.fixture.js';

const spec = {
  tool: 'get_note',
  input: { id: 'n1' },
  route: 'GET /notes/:id',
  start: () => startFakeUpstream(),
  connect: (fake: { url: string }) => ({ baseUrl: fake.url, credential: 'notes-secret' }),
  answers: [
    { name: '404', answer: { status: 404 }, expected: { kind: 'not_found', status: 404 } },
    {
      name: '429 with Retry-After',
      answer: { status: 429, headers: { 'retry-after': '2' } },
      expected: { kind: 'rate_limited', retryAfterMs: 2000, notDelivered: true },
    },
    { name: '503', answer: { status: 503 }, expected: { kind: 'upstream_transient', status: 503 } },
  ],
  thrown: [
    { name: 'NotesHttpError 401', error: () => new NotesHttpError(401, null), expected: { kind: 'auth_invalid' } },
  ],
} as const;

describe('errorMappingCases, run on a plugin that maps correctly', () => {
  it.each(errorMappingCases(notesPlugin, spec))('$name', ({ run }) => run());
});

describe('errorMappingCases, catching what it exists to catch', () => {
  const failures = async (plugin: typeof notesPlugin, overrides: object = {}) => {
    const failed: string[] = [];
    for (const testCase of errorMappingCases(plugin, { ...spec, ...overrides })) {
      await testCase.run().catch(() => failed.push(testCase.name));
    }
    return failed;
  };

  it('passes every generated case for a correct plugin and fails the one whose expectation is wrong', async () => {
    const wrong = [{ name: '404', answer: { status: 404 }, expected: { kind: 'upstream_permanent' } }] as const;
    expect(await failures(notesPlugin, { answers: wrong, thrown: [] })).toEqual(['maps an upstream 404']);
  });

  it('fails a plugin without mapError on the thrown vendor error', async () => {
    const { mapError: _mapError, ...rest } = notesPlugin;
    const unmapped = definePlugin({ ...rest, tools: notesPlugin.tools });
    expect(await failures(unmapped)).toEqual([
      'maps an upstream 404',
      'maps an upstream 429 with Retry-After',
      'maps an upstream 503',
      'maps a thrown NotesHttpError 401',
    ]);
  });

  it('fails a mapping that echoes the credential or swallows the caller’s abort', async () => {
    const leaky = definePlugin({
      ...notesPlugin,
      mapError: (error) =>
        error instanceof NotesHttpError
          ? errorFromHttpStatus({ status: error.status, message: 'notes refused notes-secret' })
          : new RangeError('x'),
    });
    const failed = await failures(leaky);
    expect(failed).toContain('maps an upstream 404');
    expect(failed).toContain('maps an upstream 503');
    expect(failed).toContain('maps a thrown bug, unchanged');
    expect(failed).not.toContain("rethrows the caller's abort unchanged (AbortError)");
  });

  it('fails an upstream SDK that retries by itself', async () => {
    const retrying: typeof fetch = async (input, init) => {
      await fetch(input, init);
      return fetch(input, init);
    };
    const failed = await failures(notesPlugin, {
      connect: (fake: { url: string }) => ({ baseUrl: fake.url, credential: 'notes-secret', fetch: retrying }),
      thrown: [],
    });
    expect(failed).toEqual(['maps an upstream 404', 'maps an upstream 429 with Retry-After', 'maps an upstream 503']);
  });
});
