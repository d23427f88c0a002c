import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { Agent, buildConnector } from 'undici';
import { nonPublicRange } from './address-ranges.js';
import type { OutboundPolicy } from './outbound-policy.js';

/** `dns.lookup` with `all: true`, or a stand-in (tests resolve names without DNS). */
export type ResolveHost = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: ResolveHost = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses)));
  });

/** A connection the outbound policy refused; carried as the `cause` of fetch's `TypeError`. */
export class OutboundRefusedError extends Error {
  readonly code = 'EMCPIST_OUTBOUND_REFUSED';
  constructor(readonly reason: string) {
    super(`MCPist refused to connect: ${reason}`);
    this.name = 'OutboundRefusedError';
  }
}

type LookupCallback = (error: Error | null, address: string | LookupAddress[], family?: number) => void;

/**
 * An undici Agent whose every connection — the first request, each redirect
 * hop, each retry — is checked by the policy against the address actually
 * dialled: literal IPs before connecting, names inside the socket's own DNS
 * lookup, so what was checked is what is connected to.
 */
export function guardedAgent(
  policy: OutboundPolicy,
  resolveHost: ResolveHost = systemResolver,
  /** Extra certificate authorities to trust (tests' local https servers); the system's otherwise. */
  tls: { ca?: string } = {},
): Agent {
  // Only hosts that are neither trusted nor allowed get here: every address they resolve to must be public.
  const publicOnlyLookup = (hostname: string, options: { all?: boolean }, callback: LookupCallback) => {
    resolveHost(hostname).then(
      (addresses) => {
        if (addresses.length === 0) return callback(new OutboundRefusedError(`${hostname} has no address`), []);
        for (const { address } of addresses) {
          const range = nonPublicRange(address);
          if (range) return callback(new OutboundRefusedError(`${hostname} resolves to a ${range} address`), []);
        }
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0]?.address ?? '', addresses[0]?.family);
      },
      (error: Error) => callback(error, []),
    );
  };
  // Trusted and allowed hosts may resolve anywhere, but through the same resolver.
  const anyLookup = (hostname: string, options: { all?: boolean }, callback: LookupCallback) => {
    resolveHost(hostname).then(
      (addresses) =>
        options.all ? callback(null, addresses) : callback(null, addresses[0]?.address ?? '', addresses[0]?.family),
      (error: Error) => callback(error, []),
    );
  };
  const trustedConnect = buildConnector({ lookup: anyLookup, ...tls } as buildConnector.BuildOptions);
  const checkedConnect = buildConnector({ lookup: publicOnlyLookup, ...tls } as buildConnector.BuildOptions);
  const connect: buildConnector.connector = (options, callback) => {
    const { protocol, hostname, port } = options;
    if (policy.isTrustedOrigin(protocol, hostname, port) || policy.isAllowedHost(hostname, port)) {
      return trustedConnect(options, callback);
    }
    const problem = policy.connectionProblem(protocol, hostname, port);
    if (problem) {
      callback(new OutboundRefusedError(problem), null);
      return;
    }
    return checkedConnect(options, callback);
  };
  return new Agent({ connect });
}
