-- Bulk email jobs (README "Outreach"). A job is created with one row per recipient; the sender
-- (server/src/outreach/OutreachSender.ts) works through them on the server, paced by the
-- workspace's rate (smtp_settings.next_send_at). (job_id, creator_id) is unique: the
-- idempotency key of a send, stored before it happens.
create table outreach_jobs (
  id text primary key,
  workspace_id text not null references workspaces (id) on delete cascade,
  board_id text not null references boards (id) on delete cascade,
  kind text not null check (kind in ('outreach', 'follow_up')),
  template_name text,
  created_by text references users (id) on delete set null,
  created_by_name text not null,
  state text not null default 'running' check (state in ('running', 'done', 'cancelled')),
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
create index outreach_jobs_board_idx on outreach_jobs (board_id, created_at desc);
create index outreach_jobs_running_idx on outreach_jobs (workspace_id) where state = 'running';

-- pending → sending (committed BEFORE the SMTP conversation starts) → sent | failed.
-- A row found in 'sending' after its lease ran out was interrupted between the claim and the
-- answer: it becomes 'unknown' and is never sent again by itself (at most once per job).
create table outreach_messages (
  id bigserial primary key,
  job_id text not null references outreach_jobs (id) on delete cascade,
  creator_id text not null,
  creator_name text not null,
  position integer not null,
  to_address text not null,
  subject text not null,
  body text not null,
  state text not null default 'pending' check (state in ('pending', 'sending', 'sent', 'failed', 'unknown')),
  attempts integer not null default 0,
  lease_until timestamptz,
  error text,
  smtp_message_id text,
  sent_at timestamptz,
  -- The send is on the board (conversation log, Contacted); false until applyOperation stored it.
  logged boolean not null default false,
  unique (job_id, creator_id)
);
create index outreach_messages_pending_idx on outreach_messages (job_id, position) where state = 'pending';
create index outreach_messages_unlogged_idx on outreach_messages (job_id) where state = 'sent' and not logged;
