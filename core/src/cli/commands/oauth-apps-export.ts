import { z } from 'zod';
import { authOf, knownServices } from '../../broker/service-auth.js';
import { Tokens } from '../../container/tokens.js';
import { publicBaseUrl } from '../../http/public-url.js';
import { edgeCallbackUrl, oauthCallbackUrl } from '../../neutral/oauth-flow.js';
import { defineAdminCommand } from '../admin-channel/admin-command.js';
import type { GlobalOptions } from './global-options.js';

/**
 * `mcpist oauth-apps export`: the OAuth-app settings to keep with a backup
 * (spec-ops §7.2) — per OAuth service the redirect URI to register at the
 * provider, whether an app is set, and its non-secret settings. Neither the
 * client id nor the client secret (the seed keeps both out of this export):
 * they are re-entered from the provider's console after a restore.
 */
export const OAUTH_APPS_EXPORT = defineAdminCommand({
  name: 'oauth-apps export',
  args: z.strictObject({}),
  deps: { catalog: Tokens.ModuleCatalog, oauthApps: Tokens.OAuthAppsRepository, config: Tokens.Config },
  plugins: true,
  logLevel: 'error',
  async run({ catalog, oauthApps, config }, _args, context) {
    const base = publicBaseUrl(config.publicUrl, config.host, config.port);
    const apps = new Map((await oauthApps.list()).map((app) => [app.service, app]));
    const services = knownServices(catalog).filter((service) => authOf(catalog, service).some((auth) => auth.oauth2));
    const exported = services.map((service) => {
      const app = apps.get(service);
      return {
        service,
        // Supabase mode (ADR 0042): the providers send the browser back to the oauth-callback Edge Function.
        redirect_uri: config.tokenBrokerUrl
          ? edgeCallbackUrl(config.tokenBrokerUrl, service)
          : oauthCallbackUrl(base, service),
        configured: app !== undefined,
        public_client: app ? app.client_secret === null : undefined,
        settings: app?.settings ?? {},
        updated_at: app?.updated_at instanceof Date ? app.updated_at.toISOString() : (app?.updated_at ?? null),
      };
    });
    context.out(`${JSON.stringify({ public_url: base, oauth_apps: exported }, null, 2)}\n`);
  },
});

export async function oauthAppsExport(global: GlobalOptions): Promise<void> {
  const { runAdminCommand } = await import('../admin-channel/run-admin-command.js');
  await runAdminCommand(global, OAUTH_APPS_EXPORT, {});
}
