import { ProtocolErrorCode } from '@modelcontextprotocol/server';
import type { RequestHandler } from 'express';
import { jsonRpcErrorBody } from './json-rpc-error-body.js';
import { LOOPBACK_HOSTS } from './public-url.js';

export interface HostGuardSettings {
  /** The address the server listens on (`127.0.0.1`, `0.0.0.0`, …). */
  listenHost: string;
  /** `publicUrl` from config, if set: its host is always allowed. */
  publicUrl: string | undefined;
  /** Further host names clients may use (`http.allowedHosts`). */
  allowedHosts: readonly string[];
  /** `http.allowedOrigins`: an admin UI hosted elsewhere; its exact origin passes the Origin check (ADR 0046). */
  allowedOrigins?: readonly string[] | undefined;
}

/** Probes and scrapers address a server by whatever name or IP reaches it; neither returns user data. */
const UNGUARDED: ReadonlySet<string> = new Set(['/health', '/metrics']);

const bare = (host: string) => (host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host).toLowerCase();

function hostnameOf(hostHeader: string): string | undefined {
  try {
    return bare(new URL(`http://${hostHeader}`).hostname);
  } catch {
    return undefined;
  }
}

/**
 * The host names this server answers to, or undefined when it cannot tell
 * (listening on every interface with neither `publicUrl` nor
 * `http.allowedHosts`): then only the Origin check applies.
 */
export function allowedHostNames(settings: HostGuardSettings): ReadonlySet<string> | undefined {
  const names = new Set<string>(settings.allowedHosts.map(bare));
  if (settings.publicUrl) names.add(bare(new URL(settings.publicUrl).hostname));
  const listen = bare(settings.listenHost);
  const loopback = LOOPBACK_HOSTS.has(listen);
  const wildcard = listen === '0.0.0.0' || listen === '::' || listen === '';
  if (wildcard && names.size === 0) return undefined;
  for (const name of LOOPBACK_HOSTS) names.add(bare(name));
  if (!loopback && !wildcard) names.add(listen);
  return names;
}

/**
 * DNS-rebinding protection for /mcp, /api and the connect pages: a request
 * whose Host (or, from a browser, Origin) names a host this server does not
 * answer to is refused with 403 before anything else runs. A page on
 * evil.example whose name was rebound to 127.0.0.1 sends `Host: evil.example`
 * and never reaches the API.
 */
export function hostGuard(settings: HostGuardSettings): RequestHandler {
  const names = allowedHostNames(settings);
  const origins = new Set(settings.allowedOrigins ?? []);
  return (req, res, next) => {
    if (UNGUARDED.has(req.path)) {
      next();
      return;
    }
    // req.hostname is the Host header, or X-Forwarded-Host from a trusted proxy only (`http.trustedProxies`).
    const host = req.hostname ? bare(req.hostname) : undefined;
    const origin = req.get('origin');
    let problem: string | undefined;
    if (names && (host === undefined || !names.has(host))) {
      problem = 'the Host header names a host this server does not answer to';
    } else if (origin !== undefined && !origins.has(origin.toLowerCase())) {
      const originHost = origin === 'null' ? undefined : hostnameOf(origin.replace(/^[a-z][a-z0-9+.-]*:\/\//i, ''));
      const allowed = names ?? (host === undefined ? new Set<string>() : new Set([host]));
      if (originHost === undefined || !allowed.has(originHost)) {
        problem = 'the Origin header names a site this server does not answer to';
      }
    }
    if (!problem) {
      next();
      return;
    }
    const message = `${problem}; an operator can allow more names with http.allowedHosts (or set publicUrl)`;
    if (req.path === '/mcp') {
      res.status(403).json(jsonRpcErrorBody(ProtocolErrorCode.InvalidRequest, message));
    } else {
      res.status(403).json({ error: { code: 'forbidden_host', message } });
    }
  };
}
