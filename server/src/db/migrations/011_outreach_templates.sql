-- Message templates (README "Outreach"): per workspace, a name, a subject and a body with
-- {{variables}} that are filled per creator when a message is rendered.
create table outreach_templates (
  id text primary key,
  workspace_id text not null references workspaces (id) on delete cascade,
  name text not null,
  subject text not null,
  body text not null,
  created_by text references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index outreach_templates_workspace_id_idx on outreach_templates (workspace_id);
