-- MCPist foundation schema: users, API tokens, service credentials, module registry.
-- The same file runs on PGlite (embedded), PostgreSQL and Supabase.

create table if not exists public.users (
  id uuid primary key default gen_random_uuid(),
  email text not null,
  display_name text,
  system_role text not null default 'user' check (system_role in ('admin', 'user')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index if not exists users_email_key on public.users (lower(email));

-- API tokens: only a SHA-256 hash is stored; the token is shown once at creation.
create table if not exists public.api_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.users (id) on delete cascade,
  name text not null default 'default',
  token_hash text not null unique,
  token_prefix text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index if not exists api_tokens_user_idx on public.api_tokens (user_id);

-- Credentials for upstream services, per (role, user, service): a personal credential
-- has user_id set; a role's shared credential has user_id null. Secrets are AES-256-GCM
-- ciphertexts ("v1:<key id>:<iv>:<tag>:<data>"), with the key id beside them for rotation.
create table if not exists public.credentials (
  id uuid primary key default gen_random_uuid(),
  role_id uuid,
  user_id uuid references public.users (id) on delete cascade,
  service text not null,
  kind text not null check (kind in ('token', 'oauth2')),
  secret text not null,
  refresh_secret text,
  key_id text not null,
  fields jsonb not null default '{}'::jsonb,
  scopes text[],
  expires_at timestamptz,
  status text not null default 'active' check (status in ('active', 'needs_reauth')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (role_id is not null or user_id is not null)
);
create unique index if not exists credentials_owner_service_key on public.credentials (
  coalesce(role_id, '00000000-0000-0000-0000-000000000000'::uuid),
  coalesce(user_id, '00000000-0000-0000-0000-000000000000'::uuid),
  service
);

-- Loaded plugins, filled at start-up; status is the admin's to change.
create table if not exists public.module_registry (
  module_name text primary key,
  display_name text not null,
  description text not null default '',
  api_version text not null default '',
  package_name text,
  package_version text,
  status text not null default 'stable' check (status in ('stable', 'deprecated', 'broken')),
  load_error text,
  last_verified_at timestamptz,
  notes text,
  updated_at timestamptz not null default now()
);
