-- Access requests (DESIGN §4): in the admin UI a user asks for an installed
-- module their roles lack; an admin approves by assigning a role that enables
-- it, or declines with a reason; the user sees the outcome. At most one
-- pending request per user and module.
create table if not exists public.access_requests (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.users (id) on delete cascade,
  module text not null,
  note text not null default '',
  status text not null default 'pending' check (status in ('pending', 'approved', 'declined')),
  role_id uuid references public.roles (id) on delete set null,
  reason text,
  decided_by uuid references public.users (id) on delete set null,
  created_at timestamptz not null default now(),
  decided_at timestamptz
);
create unique index if not exists access_requests_one_pending
  on public.access_requests (user_id, module) where status = 'pending';
create index if not exists access_requests_status_idx on public.access_requests (status, created_at);

alter table public.access_requests enable row level security;
drop policy if exists access_requests_own on public.access_requests;
create policy access_requests_own on public.access_requests for select to authenticated
  using (user_id = public.mcpist_current_user_id() or public.mcpist_is_admin());
grant select on public.access_requests to authenticated;
