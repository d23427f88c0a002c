import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response, Router } from 'express';

/** Where `npm run build` puts the admin UI's static export: `admin/out` at the repository root. */
export const UI_DIR = fileURLToPath(new URL('../../../../admin/out/', import.meta.url));

/** Paths the UI never answers: the API, MCP, the connect pages, the authorization server and the server's own routes. */
const NOT_UI = /^\/(api|mcp|connect|oauth|health|metrics|\.well-known)(\/|$)/;

/**
 * The admin UI's pages: scripts only from this server (Next inlines its
 * page data, hence 'unsafe-inline'), fetches only to this server's /api, no
 * framing, no referrer to other sites.
 */
export function uiSecurityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy':
      "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'same-origin',
    'X-Content-Type-Options': 'nosniff',
  };
}

/** True when the admin UI's build is there to serve. */
export function uiBuilt(dir = UI_DIR): boolean {
  return existsSync(join(dir, 'index.html'));
}

/**
 * Serves the admin UI's static export from the same process and port as the
 * API (ADR 0024): `/tools` is `tools.html`, hashed assets under `/_next/`
 * are cached for a year, pages are revalidated each time. Without a build
 * (`admin/out` missing) nothing is mounted and `/` stays a 404.
 */
export function uiRoutes(dir = UI_DIR): Router | undefined {
  if (!uiBuilt(dir)) return undefined;
  const router = Router();
  const skipNonUi = (req: Request, _res: Response, next: NextFunction) => {
    if (NOT_UI.test(req.path)) next('router');
    else next();
  };
  router.use(skipNonUi);
  // `/login` is `login.html`, though the export also has a `login/` folder (its route data), which express.static
  // would take for the page and refuse: the page files are known at start-up, so look them up first.
  const pages = new Set(
    readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.html') && !file.startsWith('_next'))
      .map((file) => `/${file.replace(/\.html$/, '')}`),
  );
  router.get(/.*/, (req, res, next) => {
    const page = req.path === '/' ? '/index' : req.path.replace(/\/+$/, '');
    if (!pages.has(page)) {
      next();
      return;
    }
    res
      .set(uiSecurityHeaders())
      .set('Cache-Control', 'no-cache')
      .sendFile(join(dir, `${page.slice(1)}.html`));
  });
  router.use(
    express.static(dir, {
      extensions: ['html'],
      index: 'index.html',
      redirect: false,
      setHeaders(res, path) {
        res.set(uiSecurityHeaders());
        if (path.includes(`${join(dir, '_next', 'static')}`))
          res.set('Cache-Control', 'public, max-age=31536000, immutable');
        else res.set('Cache-Control', 'no-cache');
      },
    }),
  );
  router.get(/.*/, (req, res) => {
    if (!req.accepts('html')) {
      res.status(404).json({ error: { code: 'not_found', message: `no route for GET ${req.path}` } });
      return;
    }
    res.status(404).set(uiSecurityHeaders()).sendFile(join(dir, '404.html'));
  });
  return router;
}
