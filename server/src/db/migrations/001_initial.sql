create table users (
  id text primary key,
  email text not null,
  name text not null,
  password_hash text not null,
  created_at timestamptz not null default now()
);
create unique index users_email_key on users (lower(email));

-- id is the SHA-256 (hex) of the token in the cookie; the token itself is never stored.
create table sessions (
  id text primary key,
  user_id text not null references users (id) on delete cascade,
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);
create index sessions_user_id_idx on sessions (user_id);

create table workspaces (
  id text primary key,
  name text not null,
  created_at timestamptz not null default now()
);

create table memberships (
  workspace_id text not null references workspaces (id) on delete cascade,
  user_id text not null references users (id) on delete cascade,
  role text not null check (role in ('owner', 'editor', 'viewer')),
  created_at timestamptz not null default now(),
  primary key (workspace_id, user_id)
);
create index memberships_user_id_idx on memberships (user_id);

create table invites (
  id text primary key,
  token_hash text not null unique,
  workspace_id text not null references workspaces (id) on delete cascade,
  role text not null check (role in ('owner', 'editor', 'viewer')),
  created_by text not null references users (id) on delete cascade,
  expires_at timestamptz not null,
  used_at timestamptz,
  used_by text references users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index invites_workspace_id_idx on invites (workspace_id);

create table boards (
  id text primary key,
  workspace_id text not null references workspaces (id) on delete cascade,
  name text not null,
  archived_at timestamptz,
  created_by text references users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index boards_workspace_id_idx on boards (workspace_id);

-- Short-lived tokens for non-browser board clients (scripts, the bench, other Yjs clients).
create table collab_tokens (
  id text primary key,
  user_id text not null references users (id) on delete cascade,
  expires_at timestamptz not null
);

-- Snapshot of each Yjs document (by wire name), compacted from the update log below.
create table documents (
  name text primary key,
  board_id text not null references boards (id) on delete cascade,
  state bytea not null,
  updated_at timestamptz not null default now()
);

-- Every update a client sent, appended before the server applies and acknowledges it, so an
-- acknowledged edit survives a crash. Rows are deleted once a snapshot contains them.
create table document_updates (
  seq bigserial primary key,
  name text not null,
  instance text not null,
  update bytea not null,
  created_at timestamptz not null default now()
);
create index document_updates_name_seq_idx on document_updates (name, seq);
