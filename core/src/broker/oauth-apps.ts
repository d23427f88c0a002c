import type { KeyRing } from '../secrets/key-ring.js';
import type { OAuthAppSettings, OAuthAppsRepository } from '../store/repositories/oauth-apps-repository.js';

/** An admin's OAuth app for a service, as given: the client secret in plaintext, sealed here before it is stored. */
export interface OAuthAppInput {
  clientId: string;
  clientSecret?: string | undefined;
  settings?: OAuthAppSettings;
}

/** Saves an OAuth app with its client secret encrypted under the active key. */
export async function saveOAuthApp(
  apps: OAuthAppsRepository,
  keyRing: KeyRing,
  service: string,
  input: OAuthAppInput,
  updatedBy?: string,
): Promise<void> {
  const sealed = input.clientSecret ? await keyRing.encrypt(input.clientSecret) : undefined;
  await apps.upsert(
    service,
    {
      clientId: input.clientId,
      clientSecret: sealed?.ciphertext ?? null,
      keyId: sealed?.keyId ?? null,
      settings: input.settings ?? {},
    },
    updatedBy,
  );
}
