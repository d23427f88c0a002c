import type { ReactNode } from 'react';
import { ApiProblem } from '@/lib/api';

export function Loading({ what }: { what: string }) {
  return (
    <p role="status" aria-live="polite" className="py-6 text-slate-600">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="rounded border border-dashed border-slate-300 bg-white p-6 text-slate-700">{children}</div>;
}

/** An API error with its message and code, as the API gave them. */
export function ErrorNotice({ error }: { error: Error | undefined }) {
  if (!error) return null;
  const code = error instanceof ApiProblem ? ` (code ${error.code})` : '';
  return (
    <p role="alert" className="my-3 rounded border border-red-300 bg-red-50 p-3 text-red-800">
      {error.message}
      {code}
    </p>
  );
}

export function Badge({ tone, children }: { tone: 'green' | 'grey' | 'amber' | 'red'; children: ReactNode }) {
  const tones = {
    green: 'bg-green-100 text-green-900',
    grey: 'bg-slate-200 text-slate-800',
    amber: 'bg-amber-100 text-amber-900',
    red: 'bg-red-100 text-red-900',
  };
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${tones[tone]}`}>{children}</span>;
}

export const buttonClass =
  'inline-flex items-center rounded bg-indigo-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-800 disabled:opacity-50';
export const secondaryButtonClass =
  'inline-flex items-center rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium text-slate-900 hover:bg-slate-100 disabled:opacity-50';
export const dangerButtonClass =
  'inline-flex items-center rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-50';
export const inputClass = 'w-full rounded border border-slate-400 px-2 py-1.5 text-sm';
