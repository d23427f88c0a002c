-- Supabase mode (ADR 0042): the MCP server publishes what its loaded plugins declare, so the Edge Functions,
-- which load no plugin, compute the same answers as the server: `tool-sieve` a user's tools as
-- get_module_schema describes them, `token-exchanger` the OAuth endpoints of a service to refresh against.
-- Written at every start with the module registry's sync; null for a module that failed to load.
-- Shape: {"service": "<service>" | null, "oauth2": <the plugin's OAuth 2.0 declaration> | null,
--         "tools": [<get_module_schema's tool entry>, ...]}
alter table public.module_registry add column if not exists catalog jsonb;
