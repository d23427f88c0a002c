import type { ApiDeps } from './api-deps.js';
import { authRoutes } from './auth-routes.js';
import type { ApiRoute } from './define-route.js';
import { logsRoutes } from './logs-routes.js';
import { modulesRoutes } from './modules-routes.js';
import { oauthAppsRoutes } from './oauth-apps-routes.js';
import { profileRoutes } from './profile-routes.js';
import { rolesRoutes } from './roles-routes.js';
import { servicesRoutes } from './services-routes.js';
import { tokensRoutes } from './tokens-routes.js';
import { usersRoutes } from './users-routes.js';

/** Every admin API route, in the order the OpenAPI document lists them. */
export function apiRoutes(deps: ApiDeps): ApiRoute[] {
  return [
    ...authRoutes(deps),
    ...profileRoutes(deps),
    ...usersRoutes(deps),
    ...rolesRoutes(deps),
    ...servicesRoutes(deps),
    ...oauthAppsRoutes(deps),
    ...modulesRoutes(deps),
    ...tokensRoutes(deps),
    ...logsRoutes(deps),
  ];
}
