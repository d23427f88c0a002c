-- MCPist as the OAuth 2.1 authorization server of its own MCP endpoint
-- (ADR 0041): the authorization server's records — registered clients, grants,
-- interactions, browser sessions, authorization codes, access and refresh
-- tokens — one row each. A record is found by the SHA-256 of its id, so a
-- code or token is never stored as itself. Only the server (service role)
-- reads or writes them; a user sees their grants through the API.
create table if not exists public.oauth_server_records (
  model text not null,
  id_hash text not null,
  payload jsonb not null,
  grant_id text,
  uid text,
  account_id text,
  client_id text,
  expires_at timestamptz,
  consumed_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (model, id_hash)
);
create index if not exists oauth_server_records_grant_idx on public.oauth_server_records (grant_id);
create index if not exists oauth_server_records_uid_idx on public.oauth_server_records (uid);
create index if not exists oauth_server_records_account_idx on public.oauth_server_records (model, account_id);
create index if not exists oauth_server_records_expires_idx on public.oauth_server_records (expires_at);

alter table public.oauth_server_records enable row level security;
