import { createHash } from 'node:crypto';
import type { Adapter, AdapterConstructor, AdapterPayload } from 'oidc-provider';
import type { OAuthServerRepository } from '../store/repositories/oauth-server-repository.js';
import type { ClientMetadataDocuments } from './client-metadata-documents.js';

const hashId = (id: string) => createHash('sha256').update(id).digest('base64url');

/** Marks a payload whose `jti` was its id: restored on read, so a token's value is never stored. */
const JTI_WAS_ID = '$jti';

/** Records whose id is a bearer secret: codes and tokens. Sessions keep their `jti` (found by uid). */
const SECRET_IDS = new Set(['AccessToken', 'RefreshToken', 'AuthorizationCode', 'RegistrationAccessToken']);

function stored(model: string, id: string, payload: AdapterPayload): Record<string, unknown> {
  if (!SECRET_IDS.has(model) || payload.jti !== id) return { ...payload };
  const { jti: _jti, ...rest } = payload;
  return { ...rest, [JTI_WAS_ID]: true };
}

function restored(id: string, payload: Record<string, unknown>, consumed: boolean): AdapterPayload {
  const { [JTI_WAS_ID]: wasId, ...rest } = payload;
  const result: AdapterPayload = { ...rest, ...(wasId ? { jti: id } : {}) };
  if (consumed && result.consumed === undefined) result.consumed = Math.floor(Date.now() / 1000);
  return result;
}

/**
 * oidc-provider's persistence on MCPist's store (ADR 0041): one adapter per
 * model, every record keyed by the SHA-256 of its id. A client id that is an
 * https URL is a Client ID Metadata Document, resolved through the outbound
 * policy instead of the store.
 */
export function storeAdapter(
  repository: OAuthServerRepository,
  documents: ClientMetadataDocuments,
): AdapterConstructor {
  return class StoreAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
      await repository.upsert(this.model, hashId(id), {
        payload: stored(this.model, id, payload),
        grantId: this.model === 'Grant' ? id : payload.grantId,
        uid: payload.uid,
        accountId: payload.accountId,
        clientId: payload.clientId ?? (this.model === 'Client' ? payload.client_id : undefined),
        expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000) : undefined,
      });
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.model === 'Client' && documents.isDocumentUrl(id)) return documents.resolve(id);
      const record = await repository.find(this.model, hashId(id));
      return record ? restored(id, record.payload, record.consumed) : undefined;
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      const found = await repository.findByUid(this.model, uid);
      if (!found) return undefined;
      // Sessions (the only model found by uid) keep their id in `jti`.
      const id = typeof found.record.payload.jti === 'string' ? found.record.payload.jti : '';
      return restored(id, found.record.payload, found.record.consumed);
    }

    async findByUserCode(): Promise<undefined> {
      return undefined; // The device flow is not enabled.
    }

    async consume(id: string): Promise<void> {
      await repository.consume(this.model, hashId(id));
    }

    async destroy(id: string): Promise<void> {
      await repository.destroy(this.model, hashId(id));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await repository.revokeByGrantId(grantId);
    }
  };
}
