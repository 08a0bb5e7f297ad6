-- Files attached to a board (contract documents, content drafts; README "Files"). The bytes live
-- in the file store (under DATA_DIR/files, or an S3-compatible bucket); this row says where, and
-- what they are: the type is the one the bytes were recognised as, never the client's word.
create table files (
  id text primary key,
  workspace_id text not null references workspaces (id) on delete cascade,
  board_id text not null references boards (id) on delete cascade,
  -- contract | draft: which allowlist it passed
  purpose text not null check (purpose in ('contract', 'draft')),
  name text not null,
  type text not null,
  size bigint not null check (size > 0),
  -- hex SHA-256 of the bytes, checked again when the bytes are read back from disk
  sha256 text not null,
  -- disk | s3, and the object's key there
  storage text not null check (storage in ('disk', 's3')),
  storage_key text not null,
  created_by text references users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index files_board_id_idx on files (board_id, created_at);
