'use client';
import { useState } from 'react';
import { ConfirmButton } from '@/components/confirm-button';
import { Shell } from '@/components/shell';
import { buttonClass, Empty, ErrorNotice, inputClass, Loading } from '@/components/states';
import { api } from '@/lib/api';
import type { AccessRequest, Role } from '@/lib/types';
import { useApi } from '@/lib/use-api';

/** One pending request: approve by assigning a role that enables the module, or decline with a reason. */
function RequestRow({ request, roles, onDone }: { request: AccessRequest; roles: Role[]; onDone: () => void }) {
  const fitting = roles.filter((role) => role.enabled_modules.includes(request.module));
  const [roleId, setRoleId] = useState(fitting[0]?.id ?? '');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<Error>();
  const act = async (path: string, body: unknown) => {
    setError(undefined);
    try {
      await api('POST', `/access-requests/${request.id}/${path}`, body);
      onDone();
    } catch (problem) {
      setError(problem as Error);
    }
  };
  return (
    <li className="rounded-lg border border-slate-300 bg-white p-4" data-request={request.module}>
      <p>
        <span className="break-all font-semibold">{request.user_email}</span> asks for{' '}
        <span className="font-semibold">{request.module}</span>
        {request.note && <span className="text-slate-700"> — “{request.note}”</span>}
      </p>
      <div className="mt-2 flex flex-wrap items-end gap-2">
        <label className="block">
          <span className="mb-1 block text-sm font-medium">Role to assign</span>
          <select className={inputClass} value={roleId} onChange={(event) => setRoleId(event.target.value)}>
            {fitting.length === 0 && <option value="">No role enables {request.module}</option>}
            {fitting.map((role) => (
              <option key={role.id} value={role.id}>
                {role.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className={buttonClass}
          disabled={!roleId}
          onClick={() => act('approve', { role_id: roleId })}
        >
          Approve
        </button>
      </div>
      <div className="mt-2 flex flex-wrap items-end gap-2">
        <label className="block">
          <span className="mb-1 block text-sm font-medium">Reason to decline</span>
          <input
            className={inputClass}
            value={reason}
            maxLength={500}
            onChange={(event) => setReason(event.target.value)}
          />
        </label>
        {reason.trim() && (
          <ConfirmButton
            label="Decline"
            question={`Decline ${request.user_email}'s request?`}
            onConfirm={() => act('decline', { reason })}
          />
        )}
      </div>
      <ErrorNotice error={error} />
    </li>
  );
}

function RequestsView() {
  const requests = useApi<{ requests: AccessRequest[] }>('/access-requests');
  const roles = useApi<{ roles: Role[] }>('/roles');
  if (!requests.data || !roles.data) {
    return requests.error || roles.error ? (
      <ErrorNotice error={requests.error ?? roles.error} />
    ) : (
      <Loading what="access requests" />
    );
  }
  if (requests.data.requests.length === 0) {
    return <Empty>No pending requests. Users ask for modules their roles lack on their Tools page.</Empty>;
  }
  return (
    <ul className="space-y-3">
      {requests.data.requests.map((request) => (
        <RequestRow key={request.id} request={request} roles={roles.data?.roles ?? []} onDone={requests.reload} />
      ))}
    </ul>
  );
}

export default function RequestsPage() {
  return (
    <Shell title="Access requests">
      <RequestsView />
    </Shell>
  );
}
