-- Webhooks (README "Webhooks"): per workspace, a URL, the events it wants and a signing secret
-- (kept readable: every delivery is signed with it).
create table webhooks (
  id text primary key,
  workspace_id text not null references workspaces (id) on delete cascade,
  url text not null,
  secret text not null,
  events text[] not null,
  created_by text references users (id) on delete set null,
  created_at timestamptz not null default now(),
  deleted_at timestamptz
);
create index webhooks_workspace_id_idx on webhooks (workspace_id);

-- One row per event per webhook: the outbox the deliverer works through, and the delivery log the
-- settings page shows. (webhook_id, event_id) is unique, so an event seen by several instances
-- (every instance with the board open applies the same update) is delivered once.
create table webhook_deliveries (
  id bigserial primary key,
  webhook_id text not null references webhooks (id) on delete cascade,
  event_id text not null,
  event text not null,
  payload jsonb not null,
  state text not null default 'pending' check (state in ('pending', 'delivered', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  locked_until timestamptz,
  last_status integer,
  last_error text,
  created_at timestamptz not null default now(),
  delivered_at timestamptz,
  unique (webhook_id, event_id)
);
create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at) where state = 'pending';
