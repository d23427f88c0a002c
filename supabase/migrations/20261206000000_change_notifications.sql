-- Change notifications for in-process caches (DESIGN §12, docs/adr/0028).
-- After a committed change to what a request reads on its steady-state path —
-- API tokens, users, permissions (the permission epoch) and credentials — the
-- database sends NOTIFY mcpist_changes with the table's name. Every MCPist
-- instance LISTENs (PGlite delivers it in process) and drops what it cached
-- from that table before its next request. Only columns that matter move it:
-- recording an API token's last use does not.

create or replace function public.mcpist_notify_change() returns trigger
language plpgsql
as $$
begin
  perform pg_notify('mcpist_changes', tg_table_name);
  return null;
end
$$;

drop trigger if exists api_tokens_notify_change on public.api_tokens;
create trigger api_tokens_notify_change after update of revoked_at, user_id, token_hash or delete on public.api_tokens
  for each statement execute function public.mcpist_notify_change();
drop trigger if exists users_notify_change on public.users;
create trigger users_notify_change after update of email, system_role or delete on public.users
  for each statement execute function public.mcpist_notify_change();
drop trigger if exists permission_epoch_notify_change on public.permission_epoch;
create trigger permission_epoch_notify_change after update on public.permission_epoch
  for each statement execute function public.mcpist_notify_change();
drop trigger if exists credentials_notify_change on public.credentials;
create trigger credentials_notify_change after insert or update or delete on public.credentials
  for each statement execute function public.mcpist_notify_change();
