import type { FakeRequest, FakeResponse, FakeUpstream } from '@mcpist/plugin-sdk/testing';

/**
 * Holds a fake upstream's answers to one route until the test releases them:
 * a "slow" upstream call whose length is decided by events, not by a clock.
 */
export interface HeldRoute {
  /** Resolves once `count` requests are being held (counted since the route was held). */
  arrived(count: number): Promise<void>;
  /** Answers every held request, and any later one at once. */
  release(): void;
}

export function holdRoute(
  upstream: Pick<FakeUpstream, 'route'>,
  key: string,
  answer: (request: FakeRequest) => FakeResponse,
): HeldRoute {
  const held: Array<() => void> = [];
  const watchers: Array<{ count: number; resolve: () => void }> = [];
  let seen = 0;
  let released = false;
  upstream.route(key, (request) => {
    seen += 1;
    for (const watcher of watchers.filter((w) => seen >= w.count)) {
      watchers.splice(watchers.indexOf(watcher), 1);
      watcher.resolve();
    }
    if (released) return answer(request);
    return new Promise<FakeResponse>((resolve) => held.push(() => resolve(answer(request))));
  });
  return {
    arrived: (count) =>
      seen >= count ? Promise.resolve() : new Promise((resolve) => watchers.push({ count, resolve })),
    release() {
      released = true;
      for (const answerNow of held.splice(0)) answerNow();
    },
  };
}
