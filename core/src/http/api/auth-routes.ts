import { z } from 'zod';
import { Tokens } from '../../container/tokens.js';
import { defineRoute, defineRouteModule } from './define-route.js';

const meSchema = z.object({
  user_id: z.string(),
  email: z.string(),
  display_name: z.string().nullable(),
  system_role: z.enum(['admin', 'user']),
  via: z.enum(['api_token', 'jwt', 'local', 'session']),
});

/** `GET /api/auth/me`: who the bearer token belongs to. */
export const authRoutes = defineRouteModule({
  deps: { users: Tokens.UsersRepository },
  routes(deps) {
    return [
      defineRoute({
        method: 'get',
        path: '/auth/me',
        operationId: 'getMe',
        summary: 'The authenticated principal',
        tag: 'auth',
        response: meSchema,
        async handle({ principal }) {
          const user = await deps.users.findById(principal.userId);
          return {
            user_id: principal.userId,
            email: principal.email,
            display_name: user?.display_name ?? null,
            system_role: principal.systemRole,
            via: principal.via,
          };
        },
      }),
    ];
  },
});
