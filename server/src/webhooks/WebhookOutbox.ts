import type { Sql } from '../db/client.ts';
import type { Logger } from '../log.ts';
import type { BoardEvent } from './boardEvents.ts';
import { WebhookTargets } from './WebhookTargets.ts';

/**
 * Puts events into the delivery table for every live webhook of the board's workspace that asked
 * for them. An event already there for a webhook (the same update seen by another instance) is
 * skipped by the (webhook_id, event_id) key. A failure is logged: it never fails an edit.
 */
export class WebhookOutbox {
  readonly targets: WebhookTargets;

  constructor(
    private readonly sql: Sql,
    private readonly log: Logger,
  ) {
    this.targets = new WebhookTargets(sql);
  }

  async enqueue(boardId: string, events: BoardEvent[], at = new Date()): Promise<void> {
    if (events.length === 0) return;
    try {
      // Known without a query for boards seen before (WebhookTargets says why).
      const board = await this.targets.of(boardId);
      if (!board || board.hooks.length === 0) return;
      const hooks = board.hooks;
      const rows = hooks.flatMap((hook) =>
        events
          .filter((event) => hook.events.includes(event.event))
          .map((event) => ({
            webhook_id: hook.id,
            event_id: event.id,
            event: event.event,
            payload: this.sql.json({
              id: `${hook.id}.${event.id}`,
              event: event.event,
              at: at.toISOString(),
              workspaceId: board.workspaceId,
              board: { id: boardId, name: board.boardName },
              ...event.data,
            } as never),
          })),
      );
      if (rows.length === 0) return;
      await this.sql`
        insert into webhook_deliveries ${this.sql(rows, 'webhook_id', 'event_id', 'event', 'payload')}
        on conflict (webhook_id, event_id) do nothing`;
    } catch (error) {
      this.log.error('could not queue webhook events', { boardId, error: String(error) });
    }
  }
}
