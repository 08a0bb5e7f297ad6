import type { Sql } from '../db/client.ts';

/** Where a board's events go: its workspace, its name (for the payload) and the live webhooks. */
export interface BoardWebhookTargets {
  workspaceId: string;
  boardName: string;
  hooks: { id: string; events: string[] }[];
}

/** The channel migration 015's triggers notify when a webhook or a board's name changes. */
export const WEBHOOK_TARGETS_CHANNEL = 'roster_webhook_targets';

/** Boards remembered at most; past it the cache starts again (a board costs one query to re-learn). */
const MAX_BOARDS = 10_000;

/**
 * The webhooks each board's events go to, kept between events. Every status move of every live
 * board is an event, and asking PostgreSQL each time was ~500 queries/s at 500 changes/s — the
 * biggest part of the server's database traffic (bench/README.md, 2026-12-03). Forgotten whenever
 * a webhook or a board name changes: at once in this process (`forget`, called by Webhooks and
 * Boards), and in every instance through LISTEN/NOTIFY (the triggers of migration 015). A listen
 * connection that drops and comes back forgets too, as notifications may have been missed.
 */
export class WebhookTargets {
  private readonly byBoard = new Map<string, Promise<BoardWebhookTargets | null>>();
  private unlisten: (() => Promise<void>) | null = null;

  constructor(private readonly sql: Sql) {}

  /** Starts following changes made by other instances (and by hand in the database). */
  async listen(): Promise<void> {
    const forget = () => this.forget();
    const { unlisten } = await this.sql.listen(WEBHOOK_TARGETS_CHANNEL, forget, forget);
    this.unlisten = unlisten;
  }

  async close(): Promise<void> {
    await this.unlisten?.();
    this.unlisten = null;
  }

  forget(): void {
    this.byBoard.clear();
  }

  /** The board's targets, or null when the board does not exist. */
  of(boardId: string): Promise<BoardWebhookTargets | null> {
    const known = this.byBoard.get(boardId);
    if (known) return known;
    if (this.byBoard.size >= MAX_BOARDS) this.byBoard.clear();
    const found = this.query(boardId);
    this.byBoard.set(boardId, found);
    // A failed query is not remembered: the next event asks again.
    found.catch(() => {
      if (this.byBoard.get(boardId) === found) this.byBoard.delete(boardId);
    });
    return found;
  }

  private async query(boardId: string): Promise<BoardWebhookTargets | null> {
    const rows = await this.sql<{ workspace_id: string; name: string; id: string | null; events: string[] | null }[]>`
      select b.workspace_id, b.name, w.id, w.events from boards b
      left join webhooks w on w.workspace_id = b.workspace_id and w.deleted_at is null
      where b.id = ${boardId}`;
    const board = rows[0];
    if (!board) return null;
    return {
      workspaceId: board.workspace_id,
      boardName: board.name,
      hooks: rows.flatMap((row) => (row.id && row.events ? [{ id: row.id, events: row.events }] : [])),
    };
  }
}
