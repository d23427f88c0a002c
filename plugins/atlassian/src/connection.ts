import { AuthInvalidError, type Credential, InvalidInputError, type ToolContext } from '@mcpist/plugin-sdk';
import { ATLASSIAN_TOKEN_HELP_URL } from './auth.js';

/**
 * The base URL an Atlassian plugin declares. It names no real site: each
 * user's site comes from their credential unless the operator overrides the
 * base URL (then every call goes there).
 */
export const ATLASSIAN_SITE_PLACEHOLDER = 'https://your-site.atlassian.net';

/** Atlassian's API gateway; OAuth 2.0 (3LO) and scoped API tokens reach a site as `<gateway>/<product>/<cloudId>`. */
export const ATLASSIAN_GATEWAY = 'https://api.atlassian.com/ex';

const CONNECT_HINT = `connect Atlassian with an API token (${ATLASSIAN_TOKEN_HELP_URL}), e.g. \`mcpist credential set atlassian --token - --field email=you@example.com --field site=acme.atlassian.net\``;

/** Where and how to reach one Atlassian product on one site. */
export interface AtlassianConnection {
  /** Root the product's API paths (`/rest/api/3/…`, `/wiki/…`) are appended to, without a trailing slash. */
  apiRoot: string;
  /** The site people open in a browser (`https://acme.atlassian.net`); undefined when not known. */
  siteUrl: string | undefined;
  /** The full `Authorization` header value: Basic `email:token` for API tokens, Bearer for OAuth. */
  authorization: string;
}

/** Which product a connection is for: its name in messages and its path on the gateway. */
export interface AtlassianProduct {
  /** Display name, e.g. `Jira`. */
  name: string;
  /** The product's segment on the gateway: `jira` or `confluence`. */
  gatewayPath: string;
}

/**
 * The origin of a site as users type it: `acme.atlassian.net`,
 * `https://acme.atlassian.net/wiki/` or a pasted issue link all give
 * `https://acme.atlassian.net`. Parsed as the core parses the site it checks
 * (https unless a scheme is given), so the host the core allowed is the host
 * called. Undefined when it is not an http(s) host, or carries a user name.
 */
export function siteOrigin(site: string | undefined): string | undefined {
  const trimmed = site?.trim() ?? '';
  if (trimmed === '') return undefined;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
    if (url.username || url.password) return undefined;
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

function basicAuthorization(product: AtlassianProduct, credential: Credential): string {
  const email = credential.fields.email?.trim();
  if (!email) {
    throw new InvalidInputError(
      `The Atlassian credential has no email: ${product.name} API tokens are used with the account's email. Set the credential's "email" field (${CONNECT_HINT}).`,
      { field: 'email' },
    );
  }
  return `Basic ${Buffer.from(`${email}:${credential.token}`, 'utf8').toString('base64')}`;
}

/**
 * Resolves the API root and authorization for one call:
 * 1. an operator override of the base URL (anything but {@link ATLASSIAN_SITE_PLACEHOLDER}) wins;
 * 2. else a `cloudId` field (OAuth 2.0 3LO, or a scoped API token) goes through Atlassian's gateway;
 * 3. else an API token goes to `https://<site>`; OAuth without a cloud id cannot be routed.
 * Nothing is sent when the credential is missing or incomplete: the error names the field to fix.
 */
export function resolveAtlassianConnection(
  product: AtlassianProduct,
  ctx: Pick<ToolContext, 'baseUrl' | 'credential'>,
): AtlassianConnection {
  const credential = ctx.credential;
  if (!credential?.token) {
    throw new AuthInvalidError(`${product.name} is not connected: ${CONNECT_HINT}, or sign in with Atlassian.`);
  }
  const authorization =
    credential.kind === 'oauth2' ? `Bearer ${credential.token}` : basicAuthorization(product, credential);
  const siteUrl = siteOrigin(credential.fields.site);
  const override = ctx.baseUrl.replace(/\/+$/, '');
  if (override !== '' && override !== ATLASSIAN_SITE_PLACEHOLDER) {
    return { apiRoot: override, siteUrl: siteUrl ?? siteOrigin(override), authorization };
  }
  const cloudId = credential.fields.cloudId?.trim();
  if (cloudId) {
    const apiRoot = `${ATLASSIAN_GATEWAY}/${product.gatewayPath}/${encodeURIComponent(cloudId)}`;
    return { apiRoot, siteUrl, authorization };
  }
  if (credential.kind === 'oauth2') {
    throw new AuthInvalidError(
      `The Atlassian OAuth connection has no cloud id, so MCPist cannot tell which ${product.name} site to call: reconnect Atlassian.`,
    );
  }
  if (!siteUrl) {
    const problem = credential.fields.site?.trim() ? 'is not a valid host' : 'is missing';
    throw new InvalidInputError(
      `The Atlassian credential's "site" field ${problem}: set it to your site, e.g. acme.atlassian.net (${CONNECT_HINT}).`,
      { field: 'site' },
    );
  }
  return { apiRoot: siteUrl, siteUrl, authorization };
}
