import { isIpLiteral, nonPublicRange } from './address-ranges.js';

/** What the operator trusts: base URLs from config and env, and hosts listed in `upstream.allowedHosts`. */
export interface OutboundPolicySettings {
  /** Origins (`https://host:port`) of base URLs the operator set; any address, any scheme. */
  trustedOrigins: readonly string[];
  /** Host names (`jira.corp.example`, `*.corp.example`, optionally `:port`) the operator allows users to name. */
  allowedHosts: readonly string[];
}

/** A user-supplied URL field as the policy sees it. */
export interface UserUrlRules {
  /** The host must end with one of these (e.g. `.atlassian.net`) unless the operator allows it. */
  hostSuffixes?: readonly string[];
}

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

const bare = (host: string) => (host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host).toLowerCase();

function originKey(protocol: string, hostname: string, port: string | number | undefined): string {
  const effective = port === undefined || port === '' ? (DEFAULT_PORTS[protocol] ?? '') : String(port);
  return `${protocol}//${bare(hostname)}:${effective}`;
}

/**
 * MCPist's one outbound-request policy (DESIGN §11). Hosts the operator set
 * are trusted as they are. Any other host — one a user supplied, such as an
 * Atlassian site — must be reached over https at a public address; that is
 * checked when a value is stored ({@link checkUserUrl}) and again on every
 * connection actually made ({@link connectionProblem}, with the address DNS
 * gave), so a name resolving to 127.0.0.1 or a redirect to a private address
 * cannot pass.
 */
export class OutboundPolicy {
  private readonly trusted: Set<string>;
  private readonly exactHosts = new Set<string>();
  private readonly hostPorts = new Set<string>();
  private readonly suffixes: string[] = [];

  constructor(settings: OutboundPolicySettings) {
    this.trusted = new Set(
      settings.trustedOrigins.flatMap((origin) => {
        try {
          const url = new URL(origin);
          return [originKey(url.protocol, url.hostname, url.port)];
        } catch {
          return [];
        }
      }),
    );
    for (const entry of settings.allowedHosts.map((host) => host.trim().toLowerCase()).filter(Boolean)) {
      if (entry.startsWith('*.')) this.suffixes.push(entry.slice(1));
      else if (/:\d+$/.test(entry) && !entry.endsWith(']')) this.hostPorts.add(entry);
      else this.exactHosts.add(bare(entry));
    }
  }

  /** True when the operator set this origin as a base URL: its connections are not checked. */
  isTrustedOrigin(protocol: string, hostname: string, port?: string | number): boolean {
    return this.trusted.has(originKey(protocol, hostname, port));
  }

  /** True when the operator listed this host in `upstream.allowedHosts`: any scheme and address. */
  isAllowedHost(hostname: string, port?: string | number): boolean {
    const host = bare(hostname);
    if (this.exactHosts.has(host)) return true;
    if (port !== undefined && port !== '' && this.hostPorts.has(`${host}:${port}`)) return true;
    return this.suffixes.some((suffix) => host.endsWith(suffix) && host.length > suffix.length);
  }

  /**
   * Why a connection to `hostname:port` over `protocol`, landing on `address`
   * (undefined before DNS), must not be made; undefined when it may.
   */
  connectionProblem(protocol: string, hostname: string, port: string | number | undefined, address?: string) {
    if (this.isTrustedOrigin(protocol, hostname, port) || this.isAllowedHost(hostname, port)) return undefined;
    if (protocol !== 'https:') return `${bare(hostname)} must be reached over https`;
    const target = address ?? (isIpLiteral(hostname) ? hostname : undefined);
    if (target === undefined) return undefined;
    const range = nonPublicRange(target);
    return range === undefined ? undefined : `${bare(hostname)} resolves to a ${range} address`;
  }

  /**
   * Checks a URL or host a user is about to store (`acme.atlassian.net`,
   * `https://acme.atlassian.net/`). Returns the problem, or undefined when it
   * may be stored; names are resolved only at connect time.
   */
  checkUserUrl(value: string, rules: UserUrlRules = {}): string | undefined {
    const trimmed = value.trim();
    let url: URL;
    try {
      url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
    } catch {
      return 'is not a host name or URL';
    }
    if (url.username || url.password) return 'must not contain a user name or password';
    const host = bare(url.hostname);
    if (this.isAllowedHost(host, url.port) || this.isTrustedOrigin(url.protocol, host, url.port)) return undefined;
    if (url.protocol !== 'https:') return 'must use https';
    if (isIpLiteral(host)) {
      const range = nonPublicRange(host);
      if (range !== undefined) return `is a ${range} address; MCPist does not send requests there`;
    }
    if (host === 'localhost' || host.endsWith('.localhost') || !host.includes('.')) {
      return 'must be a public host name';
    }
    const suffixes = rules.hostSuffixes ?? [];
    if (suffixes.length > 0 && !suffixes.some((suffix) => host.endsWith(suffix.toLowerCase()))) {
      return `must be a host under ${suffixes.join(' or ')} (an operator can allow other hosts with upstream.allowedHosts)`;
    }
    return undefined;
  }
}
