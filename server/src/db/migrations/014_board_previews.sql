-- What a board page shows first (shared/src/board/preview/boardPreview.ts), rendered by the server
-- before the page's script has loaded the board. Built off the main thread (server/src/previews/);
-- built_at is when the build read the stored document, so a preview older than the document's
-- last stored change is known to be stale.
create table board_previews (
  board_id text primary key references boards (id) on delete cascade,
  preview jsonb not null,
  built_at timestamptz not null default now()
);
