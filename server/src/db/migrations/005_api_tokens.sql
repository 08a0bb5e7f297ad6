-- API tokens (README "HTTP API"): a personal token acts as the member who made it, capped by its
-- scope; a workspace token acts as itself (an editor, or a viewer when read-only) and outlives its
-- maker's membership. Only the SHA-256 of the token is stored; the token is shown once.
create table api_tokens (
  id text primary key,
  token_hash text not null unique,
  workspace_id text not null references workspaces (id) on delete cascade,
  kind text not null check (kind in ('personal', 'workspace')),
  -- The maker; a personal token is also the actor, and ends with the maker's membership.
  user_id text references users (id) on delete cascade,
  name text not null,
  scope text not null check (scope in ('read', 'write')),
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_tokens_workspace_id_idx on api_tokens (workspace_id);

-- Idempotency-Key of a POST: the first answer is kept for a day and replayed to a retry with the
-- same key and body. `status` is null while the first request is still running.
create table api_idempotency_keys (
  token_id text not null references api_tokens (id) on delete cascade,
  key text not null,
  request_hash text not null,
  status integer,
  body jsonb,
  created_at timestamptz not null default now(),
  primary key (token_id, key)
);
create index api_idempotency_keys_created_at_idx on api_idempotency_keys (created_at);
