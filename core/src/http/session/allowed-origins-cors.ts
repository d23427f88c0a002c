import type { RequestHandler } from 'express';

/**
 * CORS for `/api`, with credentials, for exactly the configured
 * `http.allowedOrigins` (ADR 0046): an admin UI on another origin may send
 * the session cookie and read the answers. Any other origin gets no CORS
 * headers, so its browser keeps the answer from it; the CSRF Origin check
 * still applies to every state-changing request.
 */
export function allowedOriginsCors(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req, res, next) => {
    res.vary('Origin');
    const origin = req.get('origin');
    if (!origin || !allowed.has(origin.toLowerCase())) {
      next();
      return;
    }
    res.set('Access-Control-Allow-Origin', origin);
    res.set('Access-Control-Allow-Credentials', 'true');
    if (req.method === 'OPTIONS' && req.get('access-control-request-method')) {
      res.set('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE');
      res.set('Access-Control-Allow-Headers', 'Content-Type');
      res.set('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
}
