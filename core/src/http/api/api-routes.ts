import type { DependencyContainer } from 'tsyringe';
import { resolveDeps } from '../../container/declared-deps.js';
import { accessRequestsRoutes } from './access-requests-routes.js';
import { authRoutes } from './auth-routes.js';
import { catalogRoutes } from './catalog-routes.js';
import { connectedAppsRoutes } from './connected-apps-routes.js';
import type { ApiRoute, RouteModule } from './define-route.js';
import { logsRoutes } from './logs-routes.js';
import { modulesRoutes } from './modules-routes.js';
import { oauthAppsRoutes } from './oauth-apps-routes.js';
import { profileRoutes } from './profile-routes.js';
import { rolesRoutes } from './roles-routes.js';
import { servicesRoutes } from './services-routes.js';
import { statsRoutes } from './stats-routes.js';
import { tokensRoutes } from './tokens-routes.js';
import { usersRoutes } from './users-routes.js';

/** Every admin API route module, in the order the OpenAPI document lists their routes. */
export const API_ROUTE_MODULES: readonly RouteModule[] = [
  authRoutes,
  profileRoutes,
  usersRoutes,
  rolesRoutes,
  servicesRoutes,
  oauthAppsRoutes,
  modulesRoutes,
  catalogRoutes,
  accessRequestsRoutes,
  statsRoutes,
  tokensRoutes,
  connectedAppsRoutes,
  logsRoutes,
];

/** Every admin API route, each module given exactly the services it declares. */
export function apiRoutes(c: DependencyContainer): ApiRoute[] {
  return API_ROUTE_MODULES.flatMap((module) => module.routes(resolveDeps(c, module.deps)));
}
