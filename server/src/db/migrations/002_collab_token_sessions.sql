-- A collab token belongs to the session that minted it and ends with it (sign-out, expiry,
-- password change). Tokens live 10 minutes: the ones minted before this migration are dropped.
delete from collab_tokens;
alter table collab_tokens add column session_id text not null references sessions (id) on delete cascade;
create index collab_tokens_session_id_idx on collab_tokens (session_id);
