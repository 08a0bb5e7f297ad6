import { z } from 'zod';
import { can, type Role } from '@roster/shared';
import type { Sql } from '../db/client.ts';
import { isId, newId } from '../ids.ts';
import { denied, fail, lineOfText, parseInput, type Result } from '../validation.ts';
import type { AccessEvents } from './accessEvents.ts';
import type { Workspaces } from './workspaces.ts';

export interface BoardSummary {
  id: string;
  workspaceId: string;
  name: string;
  archivedAt: Date | null;
  createdAt: Date;
}

/** A board as the boards list shows it. */
export interface BoardListEntry extends BoardSummary {
  /** Creators on the board (removed ones not counted); null until the board is next opened. */
  creatorCount: number | null;
  /** Members of the workspace, who all have access to the board. */
  memberCount: number;
  /** When the board (its creators, activity or notes) was last edited; null when never. */
  lastActivityAt: Date | null;
}

export const boardNameSchema = z.object({ name: lineOfText(120) });

/** What BoardStatsExtension records of a board's content for the boards list. */
export interface BoardContentFigures {
  boardId: string;
  creatorCount?: number;
  lastActivityAt?: Date;
}

/**
 * Board rows (name, workspace, archive state). The board's content lives in its Yjs document; its
 * name lives only here (the board page's headline and the boards list both show and rename it).
 */
export class Boards {
  constructor(
    private readonly sql: Sql,
    private readonly workspaces: Workspaces,
    private readonly events: AccessEvents,
  ) {}

  async list(workspaceId: string, { archived = false } = {}): Promise<BoardListEntry[]> {
    if (!isId(workspaceId)) return [];
    return this.sql<BoardListEntry[]>`
      select id, workspace_id as "workspaceId", name, archived_at as "archivedAt", created_at as "createdAt",
             creator_count as "creatorCount", last_activity_at as "lastActivityAt",
             (select count(*)::int from memberships m where m.workspace_id = boards.workspace_id) as "memberCount"
      from boards where workspace_id = ${workspaceId} and (archived_at is not null) = ${archived}
      order by created_at desc, id`;
  }

  /**
   * Records figures of boards' content (see BoardStatsExtension), any number in one statement; a
   * time never moves back, and a count left out keeps the stored one.
   */
  async recordFigures(figures: BoardContentFigures[]): Promise<void> {
    if (figures.length === 0) return;
    await this.sql`
      update boards set
        creator_count = coalesce(f.count, boards.creator_count),
        last_activity_at = greatest(boards.last_activity_at, f.at)
      from unnest(
        ${figures.map((f) => f.boardId)}::text[],
        ${figures.map((f) => f.creatorCount ?? null)}::int[],
        ${figures.map((f) => f.lastActivityAt?.toISOString() ?? null)}::timestamptz[]
      ) as f (id, count, at)
      where boards.id = f.id`;
  }

  /** The creator count last recorded for a board (null when never counted). */
  async storedCreatorCount(boardId: string): Promise<number | null> {
    const [row] = await this.sql<
      { count: number | null }[]
    >`select creator_count as count from boards where id = ${boardId}`;
    return row?.count ?? null;
  }

  async get(boardId: string): Promise<BoardSummary | null> {
    if (!isId(boardId)) return null;
    const [row] = await this.sql<BoardSummary[]>`
      select id, workspace_id as "workspaceId", name, archived_at as "archivedAt", created_at as "createdAt"
      from boards where id = ${boardId}`;
    return row ?? null;
  }

  /** A board with the user's role in its workspace, or null when missing or not a member. */
  async access(boardId: string, userId: string): Promise<{ board: BoardSummary; role: Role } | null> {
    if (!isId(boardId) || !isId(userId)) return null;
    const [row] = await this.sql<(BoardSummary & { role: Role })[]>`
      select b.id, b.workspace_id as "workspaceId", b.name, b.archived_at as "archivedAt",
             b.created_at as "createdAt", m.role
      from boards b join memberships m on m.workspace_id = b.workspace_id and m.user_id = ${userId}
      where b.id = ${boardId}`;
    if (!row) return null;
    const { role, ...board } = row;
    return { board, role };
  }

  async create(actorId: string, workspaceId: string, input: unknown): Promise<Result<{ board: BoardSummary }>> {
    const role = await this.workspaces.roleOf(workspaceId, actorId);
    if (!role) return fail(404, 'workspace_not_found', 'Workspace not found.');
    if (!can(role, 'board.create')) return denied('board.create');
    const parsed = parseInput(boardNameSchema, input);
    if (!parsed.ok) return parsed;
    const id = newId();
    const [board] = await this.sql<BoardSummary[]>`
      insert into boards (id, workspace_id, name, created_by) values (${id}, ${workspaceId}, ${parsed.value.name}, ${actorId})
      returning id, workspace_id as "workspaceId", name, archived_at as "archivedAt", created_at as "createdAt"`;
    return { ok: true, board: board! };
  }

  async rename(actorId: string, boardId: string, input: unknown): Promise<Result<object>> {
    const access = await this.access(boardId, actorId);
    if (!access) return fail(404, 'board_not_found', 'Board not found.');
    if (!can(access.role, 'board.rename')) return denied('board.rename');
    const parsed = parseInput(boardNameSchema, input);
    if (!parsed.ok) return parsed;
    await this.sql`update boards set name = ${parsed.value.name} where id = ${boardId}`;
    this.events.boardRenamed(boardId);
    return { ok: true };
  }

  /** Archives (or restores) a board. Archiving disconnects everyone who has it open. */
  async setArchived(actorId: string, boardId: string, archived: boolean): Promise<Result<object>> {
    const access = await this.access(boardId, actorId);
    if (!access) return fail(404, 'board_not_found', 'Board not found.');
    if (!can(access.role, 'board.archive')) return denied('board.archive');
    await this.sql`update boards set archived_at = ${archived ? new Date() : null} where id = ${boardId}`;
    if (archived) this.events.boardArchived(boardId);
    return { ok: true };
  }
}
