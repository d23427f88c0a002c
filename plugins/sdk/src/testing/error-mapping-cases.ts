import type { Credential } from '../auth.js';
import type { PluginDefinition } from '../define-plugin.js';
import { mapToolError } from '../error-mapping.js';
import { isPluginError, NotFoundError, type PluginErrorKind } from '../errors.js';
import type { FakeResponse, FakeUpstream } from './fake-upstream.js';
import { type RunToolOptions, runTool } from './run-tool.js';

/** What a mapped error must be. Fields left out are not checked; `message` never is. */
export interface ErrorExpectation {
  kind: PluginErrorKind;
  status?: number;
  notDelivered?: boolean;
  /** The input field blamed by an `invalid_input` error. */
  field?: string;
  /** An exact wait, `undefined` for "none given", or a predicate for waits computed from the clock. */
  retryAfterMs?: number | undefined | ((retryAfterMs: number | undefined) => boolean);
}

/** The upstream answers `answer` to the tool's request; the tool must fail with `expected`. */
export interface AnswerCase {
  name: string;
  /** Omit to let the fake's own route answer, e.g. refusing the case's `credential` as the service would. */
  answer?: FakeResponse | (() => FakeResponse);
  /** Replaces the credential `connect` gives, e.g. a revoked token the fake refuses by itself. */
  credential?: string | Credential;
  expected: ErrorExpectation;
}

/** The plugin's SDK threw `error`; the single mapping point must turn it into `expected`. */
export interface ThrownCase {
  name: string;
  error: () => unknown;
  /** Defaults to the spec's tool. */
  tool?: string;
  /** `'unchanged'`: the very same error comes back (bugs, typed errors, aborts). */
  expected: ErrorExpectation | 'unchanged';
}

/** The parts of a fake upstream the cases use; every `startFakeUpstream`-based fake has them. */
export type FakeForErrors = Pick<FakeUpstream, 'url' | 'route' | 'count' | 'close'>;

/** How to reach one tool of the plugin through a fake, and the cases to run. */
export interface ErrorMappingSpec<F extends FakeForErrors> {
  /** A tool that makes exactly one request, answered by `route`. */
  tool: string;
  input: unknown;
  /** The fake's route key for that request, e.g. `GET /repos/:owner/:repo/issues`. */
  route: string;
  start: () => Promise<F>;
  /** `runTool` options that point the tool at the fake with a working credential. */
  connect: (fake: F) => RunToolOptions;
  answers: readonly AnswerCase[];
  thrown?: readonly ThrownCase[];
}

/** One generated test: give `name` to the test framework and call `run`. */
export interface ErrorMappingCase {
  readonly name: string;
  run(): Promise<void>;
}

/** A case's expectation was not met. */
export class ErrorMappingMismatch extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ErrorMappingMismatch';
  }
}

function summary(error: unknown): string {
  if (isPluginError(error)) {
    const { kind, status, notDelivered } = error;
    const extra = error as { field?: unknown; retryAfterMs?: unknown };
    return JSON.stringify({ kind, status, notDelivered, field: extra.field, retryAfterMs: extra.retryAfterMs });
  }
  if (error instanceof Error) return `${error.name} (not a typed plugin error): ${error.message}`;
  return `${typeof error} (not an error)`;
}

function check(caseName: string, error: unknown, expected: ErrorExpectation, secret: string | undefined): void {
  const fail = (what: string) => {
    throw new ErrorMappingMismatch(`${caseName}: ${what}; got ${summary(error)}`);
  };
  if (!isPluginError(error)) fail(`expected a typed "${expected.kind}" error`);
  const actual = error as unknown as Record<string, unknown>;
  for (const key of ['kind', 'status', 'notDelivered', 'field'] as const) {
    if (key in expected && actual[key] !== expected[key]) {
      fail(`expected ${key} ${JSON.stringify(expected[key])}`);
    }
  }
  if ('retryAfterMs' in expected) {
    const wanted = expected.retryAfterMs;
    const got = actual.retryAfterMs as number | undefined;
    const ok = typeof wanted === 'function' ? wanted(got) : got === wanted;
    if (!ok) fail(`retryAfterMs ${got} does not meet the expectation`);
  }
  if (secret && (String((error as Error).message).includes(secret) || JSON.stringify(error).includes(secret))) {
    fail('the error repeats the credential');
  }
}

function secretOf(credential: RunToolOptions['credential']): string | undefined {
  return typeof credential === 'string' ? credential : credential?.token;
}

async function caught(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new ErrorMappingMismatch('expected the tool to fail, but it succeeded');
}

/**
 * Table-driven tests of a plugin's error mapping, in the spirit of ESLint's
 * `RuleTester`: each case names an upstream answer (served by the plugin's
 * fake) or a thrown error, and the kind, status and field the hub must see.
 * Assertions are on codes, never on message text. Cases every plugin must
 * pass are added for you: bugs and typed errors pass through unchanged, a
 * refused connection is transient and not delivered, the caller's abort
 * (or one from `ctx.fetch`) comes back unchanged, no error repeats the
 * credential, and the plugin's SDK does not retry by itself.
 *
 * ```ts
 * it.each(errorMappingCases(plugin, spec))('$name', ({ run }) => run());
 * ```
 */
export function errorMappingCases<F extends FakeForErrors>(
  plugin: PluginDefinition,
  spec: ErrorMappingSpec<F>,
): ErrorMappingCase[] {
  const call = (fake: F, extra: RunToolOptions = {}) =>
    runTool(plugin, spec.tool, spec.input, { ...spec.connect(fake), ...extra });
  const withFake = async (work: (fake: F) => Promise<void>) => {
    const fake = await spec.start();
    try {
      await work(fake);
    } finally {
      await fake.close();
    }
  };
  const throughMapping = (thrown: ThrownCase): ErrorMappingCase => ({
    name: `maps a thrown ${thrown.name}`,
    run: async () => {
      const error = thrown.error();
      const scope = { mapError: plugin.mapError, service: plugin.displayName, tool: thrown.tool ?? spec.tool };
      const mapped = mapToolError(error, scope);
      if (thrown.expected === 'unchanged') {
        if (mapped !== error)
          throw new ErrorMappingMismatch(`${thrown.name}: expected it unchanged; got ${summary(mapped)}`);
      } else {
        check(thrown.name, mapped, thrown.expected, undefined);
      }
    },
  });

  const answers = spec.answers.map(
    (answerCase): ErrorMappingCase => ({
      name: `maps an upstream ${answerCase.name}`,
      run: () =>
        withFake(async (fake) => {
          const { answer } = answerCase;
          if (answer !== undefined) fake.route(spec.route, typeof answer === 'function' ? answer : () => answer);
          const credential = answerCase.credential ?? spec.connect(fake).credential;
          const error = await caught(() => call(fake, { credential }));
          check(answerCase.name, error, answerCase.expected, secretOf(credential));
          // The core decides about retries; an SDK retrying on its own would multiply requests under a limit.
          const requests = fake.count(spec.route);
          if (requests !== 1) throw new ErrorMappingMismatch(`${answerCase.name}: ${requests} requests, expected 1`);
        }),
    }),
  );

  const callerAborts = [
    ['AbortError', undefined],
    ['TimeoutError reason', new DOMException('deadline passed', 'TimeoutError')],
    ['custom reason', new Error('call cancelled by the client')],
  ] as const;
  const fetchAborts = [
    ['AbortError', () => new DOMException('aborted', 'AbortError')],
    ['TimeoutError', () => new DOMException('deadline passed', 'TimeoutError')],
  ] as const;

  const standard: ErrorMappingCase[] = [
    ...[
      { name: 'bug, unchanged', error: () => new RangeError('a bug in the plugin'), expected: 'unchanged' as const },
      { name: 'typed error, unchanged', error: () => new NotFoundError('gone'), expected: 'unchanged' as const },
    ].map(throughMapping),
    {
      name: 'maps a refused connection to a transient error that was not delivered',
      run: async () => {
        const fake = await spec.start();
        const options = spec.connect(fake);
        await fake.close();
        const error = await caught(() => runTool(plugin, spec.tool, spec.input, options));
        check(
          'refused connection',
          error,
          { kind: 'upstream_transient', notDelivered: true, status: undefined },
          undefined,
        );
      },
    },
    ...callerAborts.map(
      ([label, reason]): ErrorMappingCase => ({
        name: `rethrows the caller's abort unchanged (${label})`,
        run: () =>
          withFake(async (fake) => {
            const controller = new AbortController();
            // Aborting from inside the route proves the request left before the abort, with no polling.
            fake.route(spec.route, () => {
              controller.abort(reason);
              return { hang: true };
            });
            const error = await caught(() => call(fake, { signal: controller.signal }));
            if (error !== controller.signal.reason) {
              throw new ErrorMappingMismatch(`caller's abort (${label}): got ${summary(error)}`);
            }
          }),
      }),
    ),
    ...fetchAborts.map(
      ([label, make]): ErrorMappingCase => ({
        // The core's fetch may enforce its own deadline without aborting ctx.signal.
        name: `rethrows an abort from ctx.fetch unchanged (${label})`,
        run: () =>
          withFake(async (fake) => {
            const failure = make();
            const error = await caught(() => call(fake, { fetch: () => Promise.reject(failure) }));
            if (error !== failure) throw new ErrorMappingMismatch(`ctx.fetch abort (${label}): got ${summary(error)}`);
          }),
      }),
    ),
  ];
  return [...answers, ...(spec.thrown ?? []).map(throughMapping), ...standard];
}
