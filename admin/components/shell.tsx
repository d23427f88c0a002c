'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { createContext, type ReactNode, Suspense, useContext, useEffect, useState } from 'react';
import { api, type Me } from '@/lib/api';
import { guardDecision } from '@/lib/guard';
import { Loading, secondaryButtonClass } from './states';

const MeContext = createContext<Me | undefined>(undefined);

/** The signed-in person (inside `Shell` only). */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside Shell');
  return me;
}

const NAV: readonly { href: string; label: string; admin?: boolean }[] = [
  { href: '/', label: 'Dashboard' },
  { href: '/tools', label: 'Tools' },
  { href: '/tokens', label: 'Tokens' },
  { href: '/users', label: 'Users', admin: true },
  { href: '/roles', label: 'Roles', admin: true },
  { href: '/modules', label: 'Modules', admin: true },
  { href: '/requests', label: 'Requests', admin: true },
  { href: '/logs', label: 'Logs', admin: true },
  { href: '/profile', label: 'Profile' },
];

function Forbidden() {
  return (
    <section className="rounded-lg border border-slate-300 bg-white p-6">
      <h1 className="text-xl font-semibold">403 — administrators only</h1>
      <p className="mt-2 text-slate-700">
        This page is for MCPist administrators. Ask one to change your system role if you need it.
      </p>
      <p className="mt-3">
        <Link className="text-indigo-800 underline" href="/">
          Back to the dashboard
        </Link>
      </p>
    </section>
  );
}

/**
 * Every signed-in page: who is signed in (GET /api/auth/me), the navigation,
 * sign-out, and the 403 page on admin routes for non-admins (the API refuses
 * them regardless).
 */
export function Shell({ title, children }: { title: string; children: ReactNode }) {
  const pathname = usePathname();
  const [me, setMe] = useState<Me>();
  const [failed, setFailed] = useState<string>();
  useEffect(() => {
    api<Me>('GET', '/auth/me').then(setMe, (error: Error) => setFailed(error.message));
  }, []);
  useEffect(() => {
    document.title = `${title} – MCPist`;
  }, [title]);
  const signOut = async () => {
    await api('DELETE', '/session').catch(() => {});
    window.location.assign('/login');
  };
  const decision = me ? guardDecision(pathname, me.system_role) : undefined;
  return (
    <div className="mx-auto max-w-6xl px-3 py-3 sm:px-6">
      <header className="mb-4 flex flex-wrap items-center justify-between gap-2 border-b border-slate-300 pb-3">
        <span className="text-lg font-bold">MCPist</span>
        {me && (
          <div className="flex min-w-0 items-center gap-2 text-sm">
            <span className="truncate text-slate-700">{me.email}</span>
            <button type="button" className={secondaryButtonClass} onClick={signOut}>
              Sign out
            </button>
          </div>
        )}
        <nav aria-label="Main" className="w-full">
          <ul className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
            {NAV.filter((item) => !item.admin || me?.system_role === 'admin').map((item) => (
              <li key={item.href}>
                <Link
                  href={item.href}
                  aria-current={pathname === item.href ? 'page' : undefined}
                  className={pathname === item.href ? 'font-semibold text-indigo-800 underline' : 'text-slate-800'}
                >
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main>
        {!me && !failed && <Loading what="your session" />}
        {failed && <p role="alert">{failed}</p>}
        {me && decision === 'forbidden' && <Forbidden />}
        {me && decision === 'allow' && (
          <MeContext.Provider value={me}>
            <h1 className="mb-3 text-2xl font-semibold">{title}</h1>
            <Suspense fallback={<Loading what="the page" />}>{children}</Suspense>
          </MeContext.Provider>
        )}
      </main>
    </div>
  );
}
