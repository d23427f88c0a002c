-- Identity, roles and the Tool Sieve's permissions (DESIGN §4), with row-level
-- security written the Supabase way. MCPist itself connects as the tables'
-- owner (RLS does not apply to it); the policies protect every other path:
-- Supabase's PostgREST, Edge Functions acting for a user, a leaked anon key.
-- On PGlite and plain PostgreSQL, supabase/local/supabase-auth-shim.sql
-- provides the `auth` schema and roles these policies use.

create table if not exists public.tenants (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  created_at timestamptz not null default now()
);
insert into public.tenants (id, name) values ('00000000-0000-0000-0000-000000000001', 'default')
  on conflict (id) do nothing;

alter table public.users
  add column if not exists tenant_id uuid not null default '00000000-0000-0000-0000-000000000001'
    references public.tenants (id) on delete cascade;

-- Identity-provider subjects (a Supabase Auth user id, MCPist's own issuer) linked to users.
create table if not exists public.auth_accounts (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.users (id) on delete cascade,
  provider text not null,
  subject text not null,
  email text,
  created_at timestamptz not null default now(),
  last_sign_in_at timestamptz,
  unique (provider, subject)
);
create index if not exists auth_accounts_user_idx on public.auth_accounts (user_id);

-- Who may sign in with a JWT. The first allowed user to sign in becomes admin.
create table if not exists public.allowed_users (
  email text primary key check (email = lower(email)),
  tenant_id uuid not null default '00000000-0000-0000-0000-000000000001' references public.tenants (id) on delete cascade,
  added_by uuid references public.users (id) on delete set null,
  created_at timestamptz not null default now()
);

create table if not exists public.roles (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null default '00000000-0000-0000-0000-000000000001' references public.tenants (id) on delete cascade,
  name text not null check (name ~ '^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$'),
  description text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index if not exists roles_tenant_name_key on public.roles (tenant_id, lower(name));
-- Whether default roles have been given this module yet (once: an admin's later
-- removal sticks). False for modules registered before roles existed, so an
-- upgraded install offers them too.
alter table public.module_registry add column if not exists offered_to_defaults boolean not null default false;

-- Default roles are given to every new user, and get every newly installed
-- module (its dangerous tools masked) when MCPist first sees it.
alter table public.roles add column if not exists is_default boolean not null default false;

create table if not exists public.user_roles (
  user_id uuid not null references public.users (id) on delete cascade,
  role_id uuid not null references public.roles (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (user_id, role_id)
);
create index if not exists user_roles_role_idx on public.user_roles (role_id);

-- What a role may use: enabled modules, minus masked tools ({"github": ["delete_repository"]}).
create table if not exists public.role_permissions (
  role_id uuid primary key references public.roles (id) on delete cascade,
  enabled_modules text[] not null default '{}',
  tool_masks jsonb not null default '{}'::jsonb check (jsonb_typeof(tool_masks) = 'object'),
  updated_at timestamptz not null default now()
);

-- The built-in default role, given to every user, including those who existed before roles.
insert into public.roles (id, name, description, is_default)
  values ('00000000-0000-0000-0000-0000000000d1', 'member', 'Given to every new user.', true)
  on conflict do nothing;
insert into public.role_permissions (role_id) values ('00000000-0000-0000-0000-0000000000d1')
  on conflict do nothing;
insert into public.user_roles (user_id, role_id)
  select u.id, r.id from public.users u cross join public.roles r where r.is_default
  on conflict do nothing;

create or replace function public.assign_default_roles() returns trigger
language plpgsql
as $$
begin
  insert into public.user_roles (user_id, role_id)
    select new.id, r.id from public.roles r where r.is_default and r.tenant_id = new.tenant_id
    on conflict do nothing;
  return null;
end
$$;
drop trigger if exists users_assign_default_roles on public.users;
create trigger users_assign_default_roles after insert on public.users
  for each row execute function public.assign_default_roles();

-- A role's shared credentials belong to the role.
do $$
begin
  if not exists (select 1 from pg_constraint where conname = 'credentials_role_id_fkey') then
    alter table public.credentials
      add constraint credentials_role_id_fkey foreign key (role_id) references public.roles (id) on delete cascade;
  end if;
end
$$;

-- Security events and admin actions.
create table if not exists public.audit_logs (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null default now(),
  tenant_id uuid not null default '00000000-0000-0000-0000-000000000001' references public.tenants (id) on delete cascade,
  user_id uuid references public.users (id) on delete set null,
  event text not null,
  module text,
  tool text,
  reason text,
  details jsonb not null default '{}'::jsonb,
  request_id text
);
create index if not exists audit_logs_occurred_idx on public.audit_logs (occurred_at desc, id desc);
create index if not exists audit_logs_user_idx on public.audit_logs (user_id);

-- One counter that moves whenever anything the Tool Sieve reads changes, so
-- every instance can keep its views cached and still see a change on the next
-- request (one indexed read per request instead of rebuilding the view).
create table if not exists public.permission_epoch (
  singleton boolean primary key default true check (singleton),
  version bigint not null default 0
);
insert into public.permission_epoch (singleton, version) values (true, 0) on conflict (singleton) do nothing;

create or replace function public.bump_permission_epoch() returns trigger
language plpgsql
as $$
begin
  update public.permission_epoch set version = version + 1 where singleton;
  return null;
end
$$;

drop trigger if exists roles_bump_epoch on public.roles;
create trigger roles_bump_epoch after insert or update or delete on public.roles
  for each statement execute function public.bump_permission_epoch();
drop trigger if exists user_roles_bump_epoch on public.user_roles;
create trigger user_roles_bump_epoch after insert or update or delete on public.user_roles
  for each statement execute function public.bump_permission_epoch();
drop trigger if exists role_permissions_bump_epoch on public.role_permissions;
create trigger role_permissions_bump_epoch after insert or update or delete on public.role_permissions
  for each statement execute function public.bump_permission_epoch();
drop trigger if exists module_registry_bump_epoch on public.module_registry;
create trigger module_registry_bump_epoch after insert or update of status or delete on public.module_registry
  for each statement execute function public.bump_permission_epoch();
drop trigger if exists users_bump_epoch on public.users;
create trigger users_bump_epoch after delete on public.users
  for each statement execute function public.bump_permission_epoch();
drop trigger if exists users_role_bump_epoch on public.users;
create trigger users_role_bump_epoch after update of system_role on public.users
  for each row when (old.system_role is distinct from new.system_role)
  execute function public.bump_permission_epoch();

-- Row-level security. `auth.uid()` is the JWT subject; it maps to a user through auth_accounts.
create or replace function public.mcpist_current_user_id() returns uuid
language sql stable security definer set search_path = public
as $$
  select a.user_id from public.auth_accounts a where a.subject = auth.uid()::text limit 1
$$;

create or replace function public.mcpist_is_admin() returns boolean
language sql stable security definer set search_path = public
as $$
  select exists (
    select 1 from public.users u where u.id = public.mcpist_current_user_id() and u.system_role = 'admin'
  )
$$;

alter table public.tenants enable row level security;
alter table public.users enable row level security;
alter table public.api_tokens enable row level security;
alter table public.credentials enable row level security;
alter table public.module_registry enable row level security;
alter table public.auth_accounts enable row level security;
alter table public.allowed_users enable row level security;
alter table public.roles enable row level security;
alter table public.user_roles enable row level security;
alter table public.role_permissions enable row level security;
alter table public.audit_logs enable row level security;
alter table public.permission_epoch enable row level security;

drop policy if exists tenants_read on public.tenants;
create policy tenants_read on public.tenants for select to authenticated
  using (id in (select u.tenant_id from public.users u where u.id = public.mcpist_current_user_id()));

drop policy if exists users_self on public.users;
create policy users_self on public.users for select to authenticated
  using (id = public.mcpist_current_user_id() or public.mcpist_is_admin());
drop policy if exists users_admin on public.users;
create policy users_admin on public.users for all to authenticated
  using (public.mcpist_is_admin()) with check (public.mcpist_is_admin());

-- Tokens are stored as hashes; an admin sees every user's (to list and revoke them).
drop policy if exists api_tokens_own on public.api_tokens;
create policy api_tokens_own on public.api_tokens for select to authenticated
  using (user_id = public.mcpist_current_user_id() or public.mcpist_is_admin());

-- Personal credentials are their owner's alone, not even an admin's (they act as that
-- person upstream); shared ones are an admin's to manage.
drop policy if exists credentials_own on public.credentials;
create policy credentials_own on public.credentials for select to authenticated
  using (user_id = public.mcpist_current_user_id() or (user_id is null and public.mcpist_is_admin()));

drop policy if exists module_registry_read on public.module_registry;
create policy module_registry_read on public.module_registry for select to authenticated using (true);

drop policy if exists auth_accounts_own on public.auth_accounts;
create policy auth_accounts_own on public.auth_accounts for select to authenticated
  using (user_id = public.mcpist_current_user_id() or public.mcpist_is_admin());

drop policy if exists allowed_users_admin on public.allowed_users;
create policy allowed_users_admin on public.allowed_users for select to authenticated
  using (public.mcpist_is_admin());

drop policy if exists roles_read on public.roles;
create policy roles_read on public.roles for select to authenticated
  using (
    public.mcpist_is_admin()
    or id in (select ur.role_id from public.user_roles ur where ur.user_id = public.mcpist_current_user_id())
  );

drop policy if exists user_roles_own on public.user_roles;
create policy user_roles_own on public.user_roles for select to authenticated
  using (user_id = public.mcpist_current_user_id() or public.mcpist_is_admin());

drop policy if exists role_permissions_read on public.role_permissions;
create policy role_permissions_read on public.role_permissions for select to authenticated
  using (
    public.mcpist_is_admin()
    or role_id in (select ur.role_id from public.user_roles ur where ur.user_id = public.mcpist_current_user_id())
  );

drop policy if exists audit_logs_read on public.audit_logs;
create policy audit_logs_read on public.audit_logs for select to authenticated
  using (user_id = public.mcpist_current_user_id() or public.mcpist_is_admin());

grant usage on schema public to authenticated;
grant select on all tables in schema public to authenticated;
