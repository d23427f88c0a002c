-- Browser sessions of the admin UI (DESIGN §5, ADR 0024): the browser holds a
-- random token in an HttpOnly, SameSite cookie; only its SHA-256 is stored,
-- so a copy of the database signs nobody in. Sign-out revokes the row.
create table if not exists public.browser_sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.users (id) on delete cascade,
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index if not exists browser_sessions_user_idx on public.browser_sessions (user_id);
create index if not exists browser_sessions_expires_idx on public.browser_sessions (expires_at);

-- One-time sign-in links: the setup link printed at start-up (no user yet:
-- it creates the first admin) and `mcpist login-link --user EMAIL`.
-- Single-use (consumed by a conditional update) and expiring.
create table if not exists public.sign_in_links (
  token_hash text primary key,
  purpose text not null check (purpose in ('setup', 'login')),
  user_id uuid references public.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  check ((purpose = 'setup') = (user_id is null))
);
create index if not exists sign_in_links_expires_idx on public.sign_in_links (expires_at);

-- Only the server reaches these tables: with RLS on and no policy, Supabase's
-- anon and authenticated roles see no row.
alter table public.browser_sessions enable row level security;
alter table public.sign_in_links enable row level security;
