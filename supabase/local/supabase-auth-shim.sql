-- The small part of Supabase's `auth` schema that MCPist's row-level security
-- policies use, for databases that are NOT Supabase (PGlite, plain PostgreSQL).
-- MCPist applies this file before the migrations, and only when the database
-- has no `auth.uid()` of its own, so on Supabase it never runs.
--
-- As on Supabase, a session says who it is by setting the JWT claims:
--   set local role authenticated;
--   select set_config('request.jwt.claims', '{"sub":"<subject>","role":"authenticated"}', true);

create schema if not exists auth;

do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
end
$$;

grant usage on schema auth to anon, authenticated, service_role;

create or replace function auth.jwt() returns jsonb
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;

-- Supabase's auth.uid() is the `sub` claim as a uuid. MCPist's subjects are
-- whatever the identity provider says, so this one returns text via auth.sub()
-- and keeps uid() for policies written against Supabase.
create or replace function auth.sub() returns text
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )
$$;

create or replace function auth.uid() returns uuid
language sql stable
as $$
  select case
    when auth.sub() ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then auth.sub()::uuid
  end
$$;

create or replace function auth.role() returns text
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )
$$;

grant execute on all functions in schema auth to anon, authenticated, service_role;
