-- Board history (README "History and restore"): the whole board document as it was, taken on a
-- schedule while the board changes and before risky actions; at most SNAPSHOT_KEEP per board.
create table board_snapshots (
  id bigserial primary key,
  board_id text not null references boards (id) on delete cascade,
  taken_at timestamptz not null default now(),
  -- schedule | before-remove | before-archive-status | before-restore | manual
  reason text not null,
  -- Names of the people who edited the board since the snapshot before.
  active_people text[] not null default '{}',
  creator_count integer not null,
  state bytea not null
);
create index board_snapshots_board_idx on board_snapshots (board_id, taken_at desc);
