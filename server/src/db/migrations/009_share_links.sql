-- No-account links for one creator of a board (README "Share links"): a client's review link,
-- a creator's acceptance link. Like sessions, only the SHA-256 of the token is stored.
create table share_links (
  id text primary key,
  token_hash text not null unique,
  workspace_id text not null references workspaces (id) on delete cascade,
  board_id text not null references boards (id) on delete cascade,
  creator_id text not null,
  kind text not null check (kind in ('review', 'acceptance')),
  -- shown to the team beside the link ("Client: Nordic Brew"); optional
  label text,
  expires_at timestamptz not null,
  revoked_at timestamptz,
  revoked_by text references users (id) on delete set null,
  created_by text references users (id) on delete set null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz
);
create index share_links_board_idx on share_links (board_id, creator_id, created_at desc);
