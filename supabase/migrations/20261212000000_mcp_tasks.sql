-- MCP tasks (docs/adr/0048): a tool call a client asked to run as a task.
-- Its state and result live here, not in the process that runs it, so any
-- instance sharing the database answers tasks/get, and a task outlives the
-- client's connection. A task belongs to the user who created it: every
-- read names user_id, so another user's task id is answered like an unknown
-- one. Rows are deleted once expires_at has passed.
create table if not exists public.mcp_tasks (
  id text primary key,
  user_id uuid not null references public.users (id) on delete cascade,
  -- The tool called (`call`, `batch`, or a direct-mode `module_tool`), for listings and logs.
  tool text not null,
  status text not null default 'working'
    check (status in ('working', 'input_required', 'completed', 'failed', 'cancelled')),
  status_message text,
  -- The CallToolResult of a completed task; the JSON-RPC error of a failed one.
  result jsonb,
  error jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  expires_at timestamptz not null,
  check ((status = 'completed') = (result is not null)),
  check ((status = 'failed') = (error is not null))
);
create index if not exists mcp_tasks_user_created_idx on public.mcp_tasks (user_id, created_at desc, id desc);
create index if not exists mcp_tasks_expires_idx on public.mcp_tasks (expires_at);

-- Only the server reaches this table: with RLS on and no policy, Supabase's
-- anon and authenticated roles see no row.
alter table public.mcp_tasks enable row level security;
