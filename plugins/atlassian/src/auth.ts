import type { AuthDeclaration } from '@mcpist/plugin-sdk';

/** Where Atlassian account holders create API tokens; shown with "connect" errors. */
export const ATLASSIAN_TOKEN_HELP_URL = 'https://id.atlassian.com/manage-profile/security/api-tokens';

/**
 * The `auth` declaration of an Atlassian Cloud product (Jira, Confluence, …):
 * the shared `atlassian` credential, as an API token with the account's email
 * and site, or an OAuth 2.0 (3LO) grant whose cloud id is looked up right after
 * the exchange. Only the OAuth scopes differ between products; `offline_access`
 * (the refresh token) is added to them.
 *
 * Every plugin of the `atlassian` service must declare the same endpoints and
 * quirks: the core keeps the first plugin's and only unites the scopes.
 */
export function atlassianAuth(scopes: readonly string[]): AuthDeclaration {
  return {
    // One API token (or 3LO grant) serves every Atlassian product of the account.
    service: 'atlassian',
    token: {
      fields: [
        { name: 'email', label: 'Atlassian account email' },
        // The core checks the site before storing it and on every connection (docs/security.md).
        { name: 'site', label: 'Site, e.g. acme.atlassian.net', endpoint: { hostSuffixes: ['.atlassian.net'] } },
      ],
      helpUrl: ATLASSIAN_TOKEN_HELP_URL,
    },
    oauth2: {
      authorizeUrl: 'https://auth.atlassian.com/authorize',
      tokenUrl: 'https://auth.atlassian.com/oauth/token',
      scopes: [...scopes.filter((scope) => scope !== 'offline_access'), 'offline_access'],
      pkce: false,
      clientAuth: 'body',
      authorizeParams: { audience: 'api.atlassian.com', prompt: 'consent' },
      // 3LO tokens reach a site only through the gateway, by its cloud id.
      resourceLookup: {
        url: 'https://api.atlassian.com/oauth/token/accessible-resources',
        fields: { cloudId: 'id', site: 'url' },
      },
    },
  };
}
