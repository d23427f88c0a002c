'use client';
import { type ReactNode, useEffect, useId, useRef } from 'react';

/** A modal dialog; its open state lives in the URL query, so `onClose` removes that key. */
export function Modal({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="fixed inset-0 z-20 flex items-start justify-center overflow-y-auto bg-slate-900/50 p-3 sm:p-8">
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        className="w-full max-w-lg rounded-lg bg-white p-4 shadow-xl outline-none"
      >
        <div className="mb-3 flex items-start justify-between gap-2">
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          <button type="button" onClick={onClose} className="rounded px-2 text-slate-700 hover:bg-slate-100">
            Close
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}

/** A side panel for one item (`?id=…`), tabs in `?tab=…`. */
export function Panel({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  return (
    <section aria-label={title} className="mt-4 rounded-lg border border-slate-300 bg-white p-4">
      <div className="mb-3 flex items-start justify-between gap-2">
        <h2 className="min-w-0 break-words text-lg font-semibold">{title}</h2>
        <button type="button" onClick={onClose} className="rounded px-2 text-slate-700 hover:bg-slate-100">
          Close
        </button>
      </div>
      {children}
    </section>
  );
}

export function Tabs({
  tabs,
  current,
  onChange,
}: {
  tabs: readonly { id: string; label: string }[];
  current: string;
  onChange: (id: string) => void;
}) {
  return (
    <div role="tablist" className="mb-3 flex gap-1 border-b border-slate-300">
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          aria-selected={tab.id === current}
          onClick={() => onChange(tab.id)}
          className={`-mb-px border-b-2 px-3 py-1.5 text-sm ${tab.id === current ? 'border-indigo-700 font-semibold text-indigo-800' : 'border-transparent text-slate-700'}`}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
