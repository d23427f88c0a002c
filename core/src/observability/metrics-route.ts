import { createHash, timingSafeEqual } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type RequestHandler, Router } from 'express';
import { METRICS_LISTEN } from '../config/config-schema.js';
import type { Metrics } from './metrics.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Lets a request through when it presents the metrics token as a bearer
 * token, or when none is configured. Digests first, so the comparison is
 * constant-time whatever the presented length. A refusal says only what to
 * send, never why the token presented was wrong.
 */
function requireMetricsToken(token: string | undefined): RequestHandler {
  if (!token) return (_req, _res, next) => next();
  const expected = digest(token);
  return (req, res, next) => {
    const presented = /^Bearer +(\S+) *$/i.exec(req.get('authorization') ?? '')?.[1];
    if (presented !== undefined && timingSafeEqual(digest(presented), expected)) {
      next();
      return;
    }
    res
      .status(401)
      .set(
        'WWW-Authenticate',
        presented === undefined
          ? 'Bearer realm="mcpist-metrics"'
          : 'Bearer realm="mcpist-metrics", error="invalid_token"',
      )
      .json({ error: { code: 'unauthorized', message: '/metrics needs Authorization: Bearer <metrics token>' } });
  };
}

/** `GET /metrics`: Prometheus text, behind the metrics token when one is set. */
export function metricsRoute(metrics: Metrics, token: string | undefined): Router {
  const router = Router();
  router.get('/metrics', requireMetricsToken(token), async (_req, res) => {
    res
      .set('Content-Type', metrics.registry.contentType)
      .set('Cache-Control', 'no-store')
      .send(await metrics.registry.metrics());
  });
  return router;
}

export function parseListen(listen: string): { host: string; port: number } {
  const match = METRICS_LISTEN.exec(listen);
  if (!match) throw new Error(`not a host:port address: ${listen}`);
  return { host: (match[1] ?? match[2]) as string, port: Number(match[3]) };
}

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}

/**
 * The warning to log at start when `/metrics` is open to more than this
 * machine: bound to a non-loopback address with no metrics token.
 */
export function metricsExposureWarning(config: {
  host: string;
  metricsToken?: string | undefined;
  metricsListen?: string | undefined;
}): string | undefined {
  if (config.metricsToken) return undefined;
  const host = config.metricsListen ? parseListen(config.metricsListen).host : config.host;
  if (isLoopbackHost(host)) return undefined;
  return `GET /metrics is open to anyone who can reach ${host}: set metricsToken (MCPIST_METRICS_TOKEN), or serve metrics on a loopback address with metricsListen (MCPIST_METRICS_LISTEN)`;
}

/** A listener serving only `/metrics` (config `metricsListen`), so the metrics port can stay private. */
export async function startMetricsListener(
  listen: string,
  metrics: Metrics,
  token: string | undefined,
): Promise<{ url: string; close(): Promise<void> }> {
  const { host, port } = parseListen(listen);
  const app = express();
  app.disable('x-powered-by');
  app.use(metricsRoute(metrics, token));
  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'not_found', message: 'this listener serves GET /metrics only' } });
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(port, host, () => resolve(listening));
    listening.once('error', reject);
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
