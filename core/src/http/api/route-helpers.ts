import type { Principal } from '../../auth/principal.js';
import type { AuditLogsRepository } from '../../store/repositories/audit-logs-repository.js';

/** Dates as ISO 8601 strings in JSON bodies. */
export const iso = (value: Date | string | null | undefined): string | null =>
  value === null || value === undefined ? null : new Date(value).toISOString();

/** An admin action in the audit log: who, what, on which object; never a secret. */
export async function recordAdminAction(
  deps: { audit: Pick<AuditLogsRepository, 'record'> },
  context: { principal: Principal; requestId: string },
  event: string,
  details: Record<string, unknown>,
): Promise<void> {
  await deps.audit.record({
    userId: context.principal.userId,
    event,
    details,
    requestId: context.requestId || undefined,
  });
}
