// tsyringe needs the Reflect polyfill loaded before it, whichever module imports it first.
import 'reflect-metadata';
import { type DependencyContainer, type InjectionToken, instanceCachingFactory } from 'tsyringe';

/**
 * A part's declared dependencies: a map from the names it uses to the tokens
 * of the services it needs (Backstage's `deps`). The part receives exactly
 * these, resolved, and never sees the container.
 */
export type DepRefs = Readonly<Record<string, InjectionToken<unknown>>>;

/** The services a `DepRefs` map names, by the same keys. */
export type Deps<D extends DepRefs> = { readonly [K in keyof D]: D[K] extends InjectionToken<infer T> ? T : never };

/** Resolves each declared dependency from the container. */
export function resolveDeps<D extends DepRefs>(c: DependencyContainer, refs: D): Deps<D> {
  return Object.fromEntries(Object.entries(refs).map(([name, ref]) => [name, c.resolve(ref)])) as Deps<D>;
}

/** A service as data: its token, what it needs, and how to build it from exactly that. */
export interface Provider<T = unknown, D extends DepRefs = DepRefs> {
  token: InjectionToken<T>;
  deps: D;
  create(deps: Deps<D>): T;
}

/** Declares a provider; `create` is typed by `deps`. */
export function provide<T, D extends DepRefs>(
  token: InjectionToken<T>,
  deps: D,
  create: (deps: Deps<D>) => T,
): Provider {
  return { token, deps, create } as Provider;
}

/** Registers each provider as a singleton built on first use, after its dependencies. */
export function registerProviders(c: DependencyContainer, providers: readonly Provider[]): void {
  for (const provider of providers) {
    c.register(provider.token, {
      useFactory: instanceCachingFactory((r) => provider.create(resolveDeps(r, provider.deps))),
    });
  }
}
