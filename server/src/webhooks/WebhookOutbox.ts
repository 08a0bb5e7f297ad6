import type { Sql } from '../db/client.ts';
import type { Logger } from '../log.ts';
import type { BoardEvent } from './boardEvents.ts';

/**
 * Puts events into the delivery table for every live webhook of the board's workspace that asked
 * for them. An event already there for a webhook (the same update seen by another instance) is
 * skipped by the (webhook_id, event_id) key. A failure is logged: it never fails an edit.
 */
export class WebhookOutbox {
  constructor(
    private readonly sql: Sql,
    private readonly log: Logger,
  ) {}

  async enqueue(boardId: string, events: BoardEvent[], at = new Date()): Promise<void> {
    if (events.length === 0) return;
    try {
      // One query, not two: every status move of every live board comes here.
      const found = await this.sql<
        { workspace_id: string; name: string; id: string | null; events: string[] | null }[]
      >`
        select b.workspace_id, b.name, w.id, w.events from boards b
        left join webhooks w on w.workspace_id = b.workspace_id and w.deleted_at is null
        where b.id = ${boardId}`;
      const board = found[0];
      if (!board) return;
      const hooks = found.flatMap((row) => (row.id && row.events ? [{ id: row.id, events: row.events }] : []));
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
              workspaceId: board.workspace_id,
              board: { id: boardId, name: board.name },
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
