import { parseBoardPreview, type BoardPreview } from '@roster/shared';
import type { Sql } from '../db/client.ts';

/**
 * The SQL of board previews (migration 014): what a board page shows before its script has loaded
 * the board. The preview worker writes them; the board page's loader reads them, after its
 * membership check.
 */
export class BoardPreviews {
  constructor(private readonly sql: Sql) {}

  /** The board's preview, or null when it has none this version can show. One primary-key lookup. */
  async read(boardId: string): Promise<BoardPreview | null> {
    const [row] = await this.sql<
      { preview: unknown }[]
    >`select preview from board_previews where board_id = ${boardId}`;
    return row ? parseBoardPreview(row.preview) : null;
  }

  /**
   * Stores a preview built from the document as it was stored at `builtAt`, unless a preview read
   * later is stored already (two builds of a board can overlap across instances).
   */
  async write(boardId: string, preview: BoardPreview, builtAt: Date): Promise<void> {
    await this.sql`
      insert into board_previews (board_id, preview, built_at)
        select ${boardId}, ${this.sql.json(preview as never)}, ${builtAt}
        where exists (select 1 from boards where id = ${boardId})
      on conflict (board_id) do update set preview = excluded.preview, built_at = excluded.built_at
        where board_previews.built_at <= excluded.built_at`;
  }

  /** Forgets the board's preview (a board without creators shows its own empty state instead). */
  async remove(boardId: string): Promise<void> {
    await this.sql`delete from board_previews where board_id = ${boardId}`;
  }

  /**
   * Whether the board's preview is missing or older than its stored document (snapshot or the
   * update log's last row): a board written while this server was down, or straight into
   * PostgreSQL, as the bench does. A board with nothing stored needs none.
   */
  async isStale(boardId: string, documentName: string): Promise<boolean> {
    const [row] = await this.sql<{ builtAt: Date | null; storedAt: Date | null }[]>`
      select (select built_at from board_previews where board_id = ${boardId}) as "builtAt", greatest(
        (select updated_at from documents where name = ${documentName}),
        (select created_at from document_updates where name = ${documentName} order by seq desc limit 1)
      ) as "storedAt"`;
    if (!row?.storedAt) return false;
    return !row.builtAt || row.builtAt < row.storedAt;
  }
}
