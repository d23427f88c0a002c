import { z } from 'zod';
import { saveOAuthApp } from '../../broker/oauth-apps.js';
import { authOf } from '../../broker/service-auth.js';
import { Tokens } from '../../container/tokens.js';
import type { OAuthAppRow } from '../../store/repositories/oauth-apps-repository.js';
import { ApiError } from './api-error.js';
import { defineRoute, defineRouteModule } from './define-route.js';
import { iso, recordAdminAction } from './route-helpers.js';

const settingsSchema = z.strictObject({
  authorizeUrl: z.url({ protocol: /^https?$/ }).optional(),
  tokenUrl: z.url({ protocol: /^https?$/ }).optional(),
  scopes: z.array(z.string().min(1).max(200)).max(50).optional(),
  authorizeParams: z.record(z.string(), z.string().max(500)).optional(),
  resourceLookupUrl: z.url({ protocol: /^https?$/ }).optional(),
});

const appSchema = z.object({
  service: z.string(),
  client_id: z.string(),
  /** Whether a client secret is stored; the secret itself is never returned. */
  has_client_secret: z.boolean(),
  settings: z.record(z.string(), z.unknown()),
  updated_at: z.string().nullable(),
});

const appJson = (row: OAuthAppRow) => ({
  service: row.service,
  client_id: row.client_id,
  has_client_secret: row.client_secret !== null,
  settings: row.settings,
  updated_at: iso(row.updated_at),
});

/** `/api/oauth-apps`: administrators register each service's OAuth app (client id and secret). */
export const oauthAppsRoutes = defineRouteModule({
  deps: {
    catalog: Tokens.ModuleCatalog,
    oauthApps: Tokens.OAuthAppsRepository,
    keyRing: Tokens.KeyRing,
    audit: Tokens.AuditLogsRepository,
  },
  routes(deps) {
    const common = { tag: 'oauth-apps', admin: true } as const;
    const requireOAuthService = (service: string | undefined) => {
      if (!authOf(deps.catalog, service ?? '').some((auth) => auth.oauth2)) {
        throw ApiError.notFound(`OAuth service "${service}"`);
      }
      return service as string;
    };
    return [
      defineRoute({
        ...common,
        method: 'get',
        path: '/oauth-apps',
        operationId: 'listOAuthApps',
        summary: 'Lists the configured OAuth apps (never their secrets)',
        response: z.object({ apps: z.array(appSchema) }),
        async handle() {
          return { apps: (await deps.oauthApps.list()).map(appJson) };
        },
      }),
      defineRoute({
        ...common,
        method: 'put',
        path: '/oauth-apps/{service}',
        operationId: 'setOAuthApp',
        summary: 'Sets a service’s OAuth app; the client secret is stored encrypted',
        body: z.strictObject({
          client_id: z.string().trim().min(1).max(500),
          client_secret: z.string().min(1).max(2000).optional(),
          settings: settingsSchema.default({}),
        }),
        response: appSchema,
        errors: [404],
        async handle(context) {
          const service = requireOAuthService(context.params.service);
          const { client_id, client_secret, settings } = context.body;
          await saveOAuthApp(
            deps.oauthApps,
            deps.keyRing,
            service,
            { clientId: client_id, clientSecret: client_secret, settings },
            context.principal.userId,
          );
          await recordAdminAction(deps, context, 'oauth_app_set', { service });
          return appJson((await deps.oauthApps.find(service)) as OAuthAppRow);
        },
      }),
      defineRoute({
        ...common,
        method: 'delete',
        path: '/oauth-apps/{service}',
        operationId: 'deleteOAuthApp',
        summary: 'Removes a service’s OAuth app',
        status: 204,
        errors: [404],
        async handle(context) {
          const service = requireOAuthService(context.params.service);
          if (!(await deps.oauthApps.delete(service))) throw ApiError.notFound('OAuth app');
          await recordAdminAction(deps, context, 'oauth_app_removed', { service });
        },
      }),
    ];
  },
});
