import { z } from 'zod';
import { Tokens } from '../../container/tokens.js';
import { defineRoute, defineRouteModule } from './define-route.js';

const statsSchema = z.object({
  window: z.enum(['hour', 'day']),
  bucket_bounds_ms: z.array(z.number()),
  minutes: z.array(
    z.object({
      t: z.string(),
      calls: z.number(),
      errors: z.number(),
      error_rate: z.number().nullable(),
      p95_ms: z.number().nullable(),
    }),
  ),
  by_module: z.array(z.object({ module: z.string(), calls: z.number() })),
  totals: z.object({
    calls: z.number(),
    errors: z.number(),
    error_rate: z.number().nullable(),
    p95_ms: z.number().nullable(),
  }),
});

/** `GET /api/stats`: tool calls per minute, error rate, P95 latency and calls by module, for the admin dashboard. */
export const statsRoutes = defineRouteModule({
  deps: { stats: Tokens.CallStats },
  routes(deps) {
    deps.stats.start();
    return [
      defineRoute({
        method: 'get',
        path: '/stats',
        operationId: 'getCallStats',
        summary:
          'Tool calls of this instance per minute over the last hour or day: count, errors, error rate, P95 (histogram bucket bound), by module',
        tag: 'stats',
        admin: true,
        query: z.strictObject({ window: z.enum(['hour', 'day']).default('hour') }),
        response: statsSchema,
        async handle({ query }) {
          // Up to date at reading: what happened since the last minute's sample counts in the current minute.
          await deps.stats.sample();
          return deps.stats.summary(query.window);
        },
      }),
    ];
  },
});
