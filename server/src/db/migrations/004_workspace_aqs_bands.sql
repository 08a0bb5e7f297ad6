-- The workspace's AQS bands (a jsonb list of { label, min, color }, as a board's meta.aqsBands);
-- null: the default bands. Every board of the workspace is given these bands (domain/aqsBands.ts).
alter table workspaces add column aqs_bands jsonb;
