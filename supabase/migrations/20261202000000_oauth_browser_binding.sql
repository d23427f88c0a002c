-- A connect flow is bound to the browser that opened MCPist's connect page:
-- the SHA-256 of a random secret MCPist put in an HttpOnly cookie of that
-- browser before redirecting it to the provider. A callback from another
-- browser is refused and leaves the flow usable (DESIGN §6, docs/security.md).
alter table public.oauth_states add column if not exists browser_hash text;
