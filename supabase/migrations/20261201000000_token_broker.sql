-- Token Broker (DESIGN §6): OAuth apps per service, pending connect flows,
-- and what a refresh needs to know about a credential.

-- An admin's OAuth app for a service: client id, encrypted client secret,
-- and provider settings that override the plugin's declaration (a token URL
-- of a private deployment, extra authorize parameters).
create table if not exists public.oauth_apps (
  service text primary key,
  client_id text not null,
  client_secret text,
  key_id text,
  settings jsonb not null default '{}'::jsonb check (jsonb_typeof(settings) = 'object'),
  updated_by uuid references public.users (id) on delete set null,
  updated_at timestamptz not null default now()
);

-- A connect flow in progress: the state is random, single-use, bound to user,
-- role and service, and expires. Only its SHA-256 is stored; the PKCE
-- verifier is encrypted like every other secret.
create table if not exists public.oauth_states (
  state_hash text primary key,
  user_id uuid not null references public.users (id) on delete cascade,
  role_id uuid references public.roles (id) on delete cascade,
  service text not null,
  code_verifier text,
  redirect_uri text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index if not exists oauth_states_expires_idx on public.oauth_states (expires_at);

alter table public.credentials add column if not exists refreshed_at timestamptz;
alter table public.credentials add column if not exists last_error text;

alter table public.oauth_apps enable row level security;
alter table public.oauth_states enable row level security;

drop policy if exists oauth_apps_admin on public.oauth_apps;
create policy oauth_apps_admin on public.oauth_apps for select to authenticated
  using (public.mcpist_is_admin());

drop policy if exists oauth_states_own on public.oauth_states;
create policy oauth_states_own on public.oauth_states for select to authenticated
  using (user_id = public.mcpist_current_user_id());

grant select on public.oauth_apps, public.oauth_states to authenticated;
