import express, { type ErrorRequestHandler, type Request, type Response, Router } from 'express';
import { ErrorCodes } from '../../errors/error-codes.js';
import { isMcpistError } from '../../errors/mcpist-error.js';
import { apiBodyErrors, unstorableInputProblem } from '../body-guards.js';
import { sendUnauthorized } from '../require-auth.js';
import { requestPrincipal } from '../session/request-principal.js';
import type { ApiDeps } from './api-deps.js';
import { ApiError, apiErrorBody, sendApiError } from './api-error.js';
import { type ApiRoute, parseInput } from './define-route.js';
import { openApiDocument } from './openapi-document.js';

const expressPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

/** Authenticates, authorizes, validates, then runs one route. */
function serve(route: ApiRoute, deps: ApiDeps) {
  return async (req: Request, res: Response) => {
    try {
      let principal: Awaited<ReturnType<ApiDeps['authenticator']['authenticate']>>;
      try {
        principal = await requestPrincipal(req, deps);
      } catch (error) {
        if (!isMcpistError(error)) throw error;
        sendUnauthorized(req, res, error, { publicUrl: deps.publicUrl, body: 'json' });
        return;
      }
      if (route.admin && principal.systemRole !== 'admin') throw ApiError.forbidden();
      const unstorable = unstorableInputProblem(req);
      if (unstorable) throw ApiError.badRequest([unstorable]);
      const query = route.query ? parseInput(route.query, { ...req.query }, 'query') : undefined;
      const body = route.body ? parseInput(route.body, req.body, 'body') : undefined;
      const result = await route.handle({
        principal,
        params: req.params as Record<string, string>,
        query,
        body,
        requestId: String(res.locals.requestId ?? ''),
        baseUrl: deps.publicUrl,
      });
      if (route.status === 204) res.status(204).end();
      else res.status(route.status ?? 200).json(result);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      sendApiError(res, error);
    }
  };
}

/** Stray exceptions under /api, in the API's error shape (bad bodies are answered by apiBodyErrors). */
function apiErrorHandler(deps: ApiDeps): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (res.headersSent) return;
    deps.logger.error('unhandled API error', { path: req.path, request_id: res.locals.requestId, error });
    res.status(500).json(apiErrorBody(ErrorCodes.INTERNAL_ERROR, 'internal error; see the server log'));
  };
}

/** The admin REST API, mounted at /api (see docs/api.md and GET /api/openapi.json). */
export function apiRouter(deps: ApiDeps): Router {
  const router = Router();
  const { routes } = deps;
  // Built on the first request for it, not at start-up (converting every route's schemas costs ≈20 ms).
  let document: ReturnType<typeof openApiDocument> | undefined;
  router.use(express.json({ limit: deps.maxBodyBytes }));
  router.get('/openapi.json', (_req, res) => {
    document ??= openApiDocument(routes, deps.version);
    res.json({ ...document, servers: [{ url: `${deps.publicUrl}/api` }] });
  });
  router.get('/services/:service/oauth/callback', deps.oauthCallback);
  for (const route of routes) router[route.method](expressPath(route.path), serve(route, deps));
  router.use((req, res) => {
    res.status(404).json(apiErrorBody(ErrorCodes.INVALID_PARAMS, `no route for ${req.method} /api${req.path}`));
  });
  router.use(apiBodyErrors, apiErrorHandler(deps));
  return router;
}
