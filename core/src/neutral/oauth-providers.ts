import type { OAuth2Declaration } from '@mcpist/plugin-sdk';
import type { OAuthAppsRepository } from '../store/repositories/oauth-apps-repository.js';
import type { SecretSealer } from './secret-cipher.js';

/** What the providers read of a module: the server's loaded plugins, or the catalog they published (Edge Functions). */
export interface OAuthDeclaringModule {
  service: string | undefined;
  definition: { auth?: { oauth2?: OAuth2Declaration | undefined } | undefined };
}

/** Everything needed to talk to a service's OAuth token endpoint. */
export interface OAuthProvider {
  service: string;
  declaration: OAuth2Declaration;
  authorizeUrl: string;
  tokenUrl: string;
  scopes: readonly string[];
  authorizeParams: Readonly<Record<string, string>>;
  clientId: string;
  clientSecret: string | undefined;
  /** The declaration's resource lookup, its URL overridable by the app's settings. */
  resourceLookup: { url: string; fields: Readonly<Record<string, string>> } | undefined;
}

/**
 * Joins a plugin's OAuth declaration (endpoints, quirks) with the admin's
 * OAuth app for that service (client id, decrypted secret, overrides).
 */
export class OAuthProviders {
  private readonly declarations = new Map<string, OAuth2Declaration>();

  constructor(
    catalog: { modules: ReadonlyMap<string, OAuthDeclaringModule> },
    private readonly apps: Pick<OAuthAppsRepository, 'find'>,
    private readonly keyRing: SecretSealer,
  ) {
    // Plugins of one vendor share a service (Jira and Confluence: `atlassian`); one grant must cover all their scopes.
    for (const module of catalog.modules.values()) {
      const oauth2 = module.definition.auth?.oauth2;
      if (!module.service || !oauth2) continue;
      const known = this.declarations.get(module.service);
      this.declarations.set(
        module.service,
        known ? { ...known, scopes: [...new Set([...known.scopes, ...oauth2.scopes])] } : oauth2,
      );
    }
  }

  /** True when some loaded plugin declares OAuth for the service. */
  supports(service: string): boolean {
    return this.declarations.has(service);
  }

  /** The provider, or undefined when the service has no OAuth declaration or no app is configured. */
  async get(service: string): Promise<OAuthProvider | undefined> {
    const declaration = this.declarations.get(service);
    if (!declaration) return undefined;
    const app = await this.apps.find(service);
    if (!app) return undefined;
    return {
      service,
      declaration,
      authorizeUrl: app.settings.authorizeUrl ?? declaration.authorizeUrl,
      tokenUrl: app.settings.tokenUrl ?? declaration.tokenUrl,
      scopes: app.settings.scopes ?? declaration.scopes,
      authorizeParams: { ...(declaration.authorizeParams ?? {}), ...(app.settings.authorizeParams ?? {}) },
      clientId: app.client_id,
      clientSecret: app.client_secret ? await this.keyRing.decrypt(app.client_secret) : undefined,
      resourceLookup: declaration.resourceLookup && {
        ...declaration.resourceLookup,
        url: app.settings.resourceLookupUrl ?? declaration.resourceLookup.url,
      },
    };
  }
}
