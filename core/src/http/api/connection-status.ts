import { z } from 'zod';
import type { ConnectionRow } from '../../store/repositories/credentials-repository.js';
import { iso } from './route-helpers.js';

export const connectionSchema = z.enum(['connected_personal', 'connected_shared', 'not_connected', 'not_required']);
export type Connection = z.infer<typeof connectionSchema>;

/** How a user reaches one service: a personal credential wins over one shared with a role. */
export function connectionOf(
  service: string | undefined,
  connections: readonly ConnectionRow[],
): { connection: Connection; kind: 'token' | 'oauth2' | null; expires_at: string | null; needs_reauth: boolean } {
  if (service === undefined) return { connection: 'not_required', kind: null, expires_at: null, needs_reauth: false };
  const found =
    connections.find((row) => row.service === service && !row.shared) ??
    connections.find((row) => row.service === service);
  if (!found) return { connection: 'not_connected', kind: null, expires_at: null, needs_reauth: false };
  return {
    connection: found.shared ? 'connected_shared' : 'connected_personal',
    kind: found.kind,
    expires_at: iso(found.expires_at),
    needs_reauth: found.status === 'needs_reauth',
  };
}
