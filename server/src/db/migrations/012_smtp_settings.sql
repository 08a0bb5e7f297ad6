-- A workspace's SMTP server. The password is stored encrypted (AES-256-GCM with the key in
-- OUTREACH_SECRET_KEY; "v1:<iv>:<tag>:<ciphertext>", base64url), never in clear.
create table smtp_settings (
  workspace_id text primary key references workspaces (id) on delete cascade,
  host text not null,
  port integer not null,
  security text not null check (security in ('tls', 'starttls', 'none')),
  username text,
  password_encrypted text,
  from_address text not null,
  from_name text,
  rate_per_minute integer not null default 60,
  -- The next message of this workspace may be claimed from this instant on: the rate limit,
  -- shared by every job of the workspace and every instance, and kept across restarts.
  next_send_at timestamptz not null default now(),
  updated_by text references users (id) on delete set null,
  updated_at timestamptz not null default now()
);
