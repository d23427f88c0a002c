'use client';
import { useSearchParams } from 'next/navigation';
import { type FormEvent, Suspense, useEffect, useRef, useState } from 'react';
import { buttonClass, ErrorNotice, inputClass } from '@/components/states';
import { api } from '@/lib/api';
import { nextPath } from '@/lib/next-path';
import { SOCIAL_PROVIDERS, type SocialProvider, supabaseSettings } from '@/lib/supabase-settings';

function signedIn() {
  window.location.replace(nextPath(new URLSearchParams(window.location.search).get('next')));
}

/** The one-time setup link: creates the first admin with the email given here. */
function Setup({ code }: { code: string }) {
  const [email, setEmail] = useState('');
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await api('POST', '/session/link', { code, email });
      signedIn();
    } catch (problem) {
      setError(problem as Error);
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} className="space-y-3">
      <p>Welcome. Create the first administrator of this MCPist.</p>
      <label className="block">
        <span className="mb-1 block text-sm font-medium">Your email</span>
        <input
          className={inputClass}
          type="email"
          required
          autoComplete="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
      </label>
      <ErrorNotice error={error} />
      <button type="submit" className={buttonClass} disabled={busy}>
        Create admin and sign in
      </button>
    </form>
  );
}

/** A login link from `mcpist login-link`: redeemed once, as soon as the page opens. */
function LoginLink({ code }: { code: string }) {
  const [error, setError] = useState<Error>();
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    api('POST', '/session/link', { code }).then(signedIn, setError);
  }, [code]);
  return error ? (
    <>
      <ErrorNotice error={error} />
      <p>
        Ask for a new link: <code>npx mcpist login-link --user you@example.com</code>
      </p>
    </>
  ) : (
    <p role="status">Signing you in…</p>
  );
}

/** An MCPist API token pasted once: exchanged for a session cookie, never kept by the page. */
function TokenForm() {
  const [token, setToken] = useState('');
  const [error, setError] = useState<Error>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await api('POST', '/session/token', { token });
      setToken('');
      signedIn();
    } catch (problem) {
      setError(problem as Error);
    }
  };
  return (
    <form onSubmit={submit} className="space-y-3">
      <p>
        Open a sign-in link from <code>npx mcpist login-link --user you@example.com</code>, or paste one of your MCPist
        API tokens once:
      </p>
      <label className="block">
        <span className="mb-1 block text-sm font-medium">API token</span>
        <input
          className={inputClass}
          type="password"
          autoComplete="off"
          required
          value={token}
          onChange={(event) => setToken(event.target.value)}
        />
      </label>
      <ErrorNotice error={error} />
      <button type="submit" className={buttonClass}>
        Sign in
      </button>
    </form>
  );
}

/**
 * Cloud layout only (NEXT_PUBLIC_SUPABASE_URL set at build): Supabase Auth
 * with GitHub or Google; `/auth/callback` turns the result into MCPist's
 * session cookie (ADR 0045). supabase-js loads only when a button is pressed.
 */
function SocialSignIn({ failure }: { failure: string | null }) {
  const settings = supabaseSettings();
  const [error, setError] = useState<Error | undefined>(failure ? new Error(failure) : undefined);
  if (!settings) return null;
  const start = async (provider: SocialProvider) => {
    try {
      const { startSocialSignIn } = await import('@/lib/supabase-sign-in');
      window.location.assign(await startSocialSignIn(settings, provider, `${window.location.origin}/auth/callback`));
    } catch (problem) {
      setError(problem as Error);
    }
  };
  return (
    <div className="mb-4 space-y-2 border-b border-slate-200 pb-4">
      {SOCIAL_PROVIDERS.map((provider) => (
        <button key={provider.id} type="button" className={`${buttonClass} w-full`} onClick={() => start(provider.id)}>
          Sign in with {provider.label}
        </button>
      ))}
      <ErrorNotice error={error} />
    </div>
  );
}

function LoginView() {
  const params = useSearchParams();
  const setup = params.get('setup');
  const link = params.get('link');
  if (setup) return <Setup code={setup} />;
  if (link) return <LoginLink code={link} />;
  return (
    <>
      <SocialSignIn failure={params.get('error')} />
      <TokenForm />
    </>
  );
}

export default function LoginPage() {
  return (
    <main className="mx-auto mt-10 max-w-md px-3">
      <h1 className="mb-4 text-2xl font-semibold">Sign in to MCPist</h1>
      <div className="rounded-lg border border-slate-300 bg-white p-4">
        <Suspense fallback={<p role="status">Loading…</p>}>
          <LoginView />
        </Suspense>
      </div>
    </main>
  );
}
