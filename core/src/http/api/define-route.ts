import type { z } from 'zod';
import type { Principal } from '../../auth/principal.js';
import type { DepRefs, Deps } from '../../container/declared-deps.js';
import { ApiError, type ApiIssue } from './api-error.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** What a handler receives: the authenticated caller and the validated input. */
export interface RouteContext<Q, B> {
  principal: Principal;
  /** Path parameters as given; ids that are not UUIDs are simply not found. */
  params: Record<string, string>;
  query: Q;
  body: B;
  requestId: string;
  /** This server's public base URL as the caller reached it (or the configured public URL). */
  baseUrl: string;
}

/**
 * One admin API route as data: its schemas validate the request and generate
 * the OpenAPI document, so the two cannot drift apart.
 */
export interface ApiRoute<Q = unknown, B = unknown> {
  method: HttpMethod;
  /** OpenAPI style, relative to /api: `/roles/{id}/permissions`. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  /** Answers 403 to principals whose system role is not admin. */
  admin?: boolean;
  query?: z.ZodType<Q, unknown>;
  body?: z.ZodType<B, unknown>;
  /** The success body; omitted for 204. */
  response?: z.ZodType;
  /** Default 200. */
  status?: 200 | 201 | 204;
  /** Which refusals besides 400/401 (and 403 for admin routes) the route may give. */
  errors?: readonly (404 | 409)[];
  handle(context: RouteContext<Q, B>): Promise<unknown>;
}

/** Keeps each route's handler typed by its own schemas. */
export function defineRoute<Q = undefined, B = undefined>(route: ApiRoute<Q, B>): ApiRoute {
  return route as unknown as ApiRoute;
}

/**
 * A group of routes and the services they need, declared as tokens
 * (Backstage style): the API builds the routes from exactly those services,
 * and a module never sees the container or other modules' services.
 */
export interface RouteModule<D extends DepRefs = DepRefs> {
  deps: D;
  routes(deps: Deps<D>): ApiRoute[];
}

/** Keeps a module's `routes` typed by its own `deps`. */
export function defineRouteModule<D extends DepRefs>(module: RouteModule<D>): RouteModule {
  return module as unknown as RouteModule;
}

/** `["tool_masks", "github", 0]` → `tool_masks.github[0]`. */
export function fieldName(path: readonly PropertyKey[]): string {
  let name = '';
  for (const part of path) {
    if (typeof part === 'number') name += `[${part}]`;
    else name += name ? `.${String(part)}` : String(part);
  }
  return name;
}

/** Parses `value` with `schema` or throws a 400 naming every offending field. */
export function parseInput<T>(schema: z.ZodType<T, unknown>, value: unknown, whole: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues: ApiIssue[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        issues.push({ field: fieldName([...issue.path, key]), message: 'unknown field' });
      }
      continue;
    }
    issues.push({ field: fieldName(issue.path) || whole, message: issue.message });
  }
  throw ApiError.badRequest(issues);
}
