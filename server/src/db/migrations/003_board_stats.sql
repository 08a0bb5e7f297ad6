-- What the boards list shows per board without opening its documents, kept by BoardStatsExtension:
-- creators on the board (null until the board is next opened) and the time of its last edit.
alter table boards add column creator_count integer;
alter table boards add column last_activity_at timestamptz;
-- Boards edited before this migration: their last compaction is the best known time.
update boards b set last_activity_at = d.updated_at
  from (select board_id, max(updated_at) as updated_at from documents group by board_id) d
  where d.board_id = b.id;
