-- Each instance keeps the webhooks a board's events go to (server/src/webhooks/WebhookTargets.ts)
-- instead of asking for them on every status move. These triggers tell every instance to forget
-- them when they change: any write to webhooks, and a board renamed or moved (the name is in
-- every payload). `update of name, workspace_id` keeps the frequent updates of a board's figures
-- (creator_count, last_activity_at) from notifying.
create function notify_webhook_targets() returns trigger language plpgsql as $$
begin
  perform pg_notify('roster_webhook_targets', '');
  return null;
end
$$;

create trigger webhooks_notify_targets
  after insert or update or delete on webhooks
  for each statement execute function notify_webhook_targets();

create trigger boards_notify_webhook_targets
  after update of name, workspace_id on boards
  for each statement execute function notify_webhook_targets();
