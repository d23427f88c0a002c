/** The Supabase project the cloud layout signs people in with (spec-inf §4.3); absent in the embedded default. */
export interface SupabaseSettings {
  url: string;
  anonKey: string;
}

/**
 * `NEXT_PUBLIC_SUPABASE_URL` and `NEXT_PUBLIC_SUPABASE_ANON_KEY`, inlined at
 * build time: both set turns on "Sign in with GitHub / Google" (ADR 0045);
 * otherwise the UI signs in only with MCPist's own links and tokens.
 */
export function supabaseSettings(): SupabaseSettings | undefined {
  const url = process.env.NEXT_PUBLIC_SUPABASE_URL;
  const anonKey = process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY;
  return url && anonKey ? { url, anonKey } : undefined;
}

export const SOCIAL_PROVIDERS = [
  { id: 'github', label: 'GitHub' },
  { id: 'google', label: 'Google' },
] as const;

export type SocialProvider = (typeof SOCIAL_PROVIDERS)[number]['id'];
