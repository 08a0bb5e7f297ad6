import type { Hocuspocus } from '@hocuspocus/server';
import * as Y from 'yjs';
import {
  boardDocumentName,
  can,
  cellsOfSnapshot,
  countCreators,
  readBoard,
  restoreSnapshot,
  type BoardData,
} from '@roster/shared';
import type { Sql } from '../db/client.ts';
import type { ApplyOperation } from '../collab/applyOperation.ts';
import type { Boards } from '../domain/boards.ts';
import { denied, fail, type Result } from '../validation.ts';

export type SnapshotReason = 'schedule' | 'before-remove' | 'before-archive-status' | 'before-restore' | 'manual';

export interface SnapshotSummary {
  id: string;
  takenAt: Date;
  reason: SnapshotReason;
  activePeople: string[];
  creatorCount: number;
  bytes: number;
}

const SNAPSHOT_ID = /^[1-9][0-9]{0,17}$/;
/** A snapshot asked for by a page within this many seconds of the last one reuses it. */
const RECENT_ENOUGH_SECONDS = 10;

/**
 * Board snapshots: the whole board document as it was, stored in PostgreSQL, at most `keep` per
 * board. Taken from the live document (a Hocuspocus direct connection), so a snapshot is what
 * the people on the board saw; restored through applyOperation, so a restore is a new change
 * everyone sees live, and it is preceded by a snapshot of its own (its undo).
 */
export class Snapshots {
  private live: { hocuspocus: Hocuspocus; applyOperation: ApplyOperation } | null = null;

  constructor(
    private readonly sql: Sql,
    private readonly boards: Pick<Boards, 'access' | 'get'>,
    private readonly keep: number,
  ) {}

  /** The live documents, once the collab server (which runs the scheduler) exists. */
  attach(hocuspocus: Hocuspocus, applyOperation: ApplyOperation): void {
    this.live = { hocuspocus, applyOperation };
  }

  private get attached() {
    if (!this.live) throw new Error('Snapshots used before the collab server was attached');
    return this.live;
  }

  /** Stores a snapshot of a board as it is now; returns its id. */
  async take(boardId: string, reason: SnapshotReason, activePeople: string[] = []): Promise<string> {
    const connection = await this.attached.hocuspocus.openDirectConnection(boardDocumentName(boardId), {
      snapshots: true,
    });
    let state: Uint8Array;
    let creatorCount: number;
    try {
      state = Y.encodeStateAsUpdate(connection.document!);
      creatorCount = countCreators(connection.document!);
    } finally {
      await connection.disconnect();
    }
    return this.store(boardId, reason, activePeople, state, creatorCount);
  }

  /** Stores a snapshot of a document the caller holds (the scheduler, with the live document). */
  async store(
    boardId: string,
    reason: SnapshotReason,
    activePeople: string[],
    state: Uint8Array,
    creatorCount: number,
  ): Promise<string> {
    const [row] = await this.sql<{ id: string }[]>`
      insert into board_snapshots (board_id, reason, active_people, creator_count, state)
      values (${boardId}, ${reason}, ${activePeople.slice(0, 20)}, ${creatorCount}, ${Buffer.from(state)})
      returning id::text`;
    await this.sql`
      delete from board_snapshots where board_id = ${boardId} and id not in (
        select id from board_snapshots where board_id = ${boardId} order by taken_at desc, id desc limit ${this.keep})`;
    return row!.id;
  }

  /** When the board's latest snapshot was taken (null: never). */
  async latest(boardId: string): Promise<Date | null> {
    const [row] = await this.sql<{ taken_at: Date }[]>`
      select taken_at from board_snapshots where board_id = ${boardId} order by taken_at desc limit 1`;
    return row?.taken_at ?? null;
  }

  /** A member asks for a snapshot before a risky change (editors; a viewer changes nothing). */
  async takeFor(userId: string, boardId: string, reason: SnapshotReason): Promise<Result<{ id: string }>> {
    const access = await this.boards.access(boardId, userId);
    if (!access || access.board.archivedAt) return fail(404, 'board_not_found', 'Board not found.');
    if (!can(access.role, 'board.edit')) return denied('board.edit');
    // A page asking again and again (a flood, or many bulk removals in a row) gets the snapshot
    // of a moment ago instead of a new copy of the whole board each time.
    const [recent] = await this.sql<{ id: string }[]>`
      select id::text from board_snapshots
      where board_id = ${boardId} and taken_at > now() - make_interval(secs => ${RECENT_ENOUGH_SECONDS})
      order by taken_at desc limit 1`;
    if (recent) return { ok: true, id: recent.id };
    return { ok: true, id: await this.take(boardId, reason) };
  }

  async list(userId: string, boardId: string): Promise<Result<{ snapshots: SnapshotSummary[] }>> {
    const access = await this.boards.access(boardId, userId);
    if (!access || !can(access.role, 'board.view')) return fail(404, 'board_not_found', 'Board not found.');
    const snapshots = await this.sql<SnapshotSummary[]>`
      select id::text, taken_at as "takenAt", reason, active_people as "activePeople",
             creator_count as "creatorCount", octet_length(state) as bytes
      from board_snapshots where board_id = ${boardId} order by taken_at desc, id desc`;
    return { ok: true, snapshots };
  }

  /** The board as a snapshot holds it (read-only). */
  async read(
    userId: string,
    boardId: string,
    snapshotId: string,
  ): Promise<Result<{ board: BoardData; takenAt: Date }>> {
    const access = await this.boards.access(boardId, userId);
    if (!access || !can(access.role, 'board.view')) return fail(404, 'board_not_found', 'Board not found.');
    const found = await this.load(boardId, snapshotId);
    if (!found) return fail(404, 'snapshot_not_found', 'This snapshot does not exist (it may have been pruned).');
    return { ok: true, board: readBoard(found.doc), takenAt: found.takenAt };
  }

  /**
   * Restores creators (all of the snapshot's when `creatorIds` is empty) as the snapshot had them,
   * for a member who may edit the board, after taking a `before-restore` snapshot (returned as `undoSnapshotId`).
   */
  async restore(
    user: { id: string; name: string },
    boardId: string,
    snapshotId: string,
    creatorIds: string[] | null,
  ): Promise<Result<{ restored: number; undoSnapshotId: string }>> {
    const access = await this.boards.access(boardId, user.id);
    if (!access || access.board.archivedAt) return fail(404, 'board_not_found', 'Board not found.');
    if (!can(access.role, 'board.edit')) return denied('board.edit');
    const found = await this.load(boardId, snapshotId);
    if (!found) return fail(404, 'snapshot_not_found', 'This snapshot does not exist (it may have been pruned).');
    const cells = cellsOfSnapshot(found.doc);
    const board = readBoard(found.doc);
    const names = new Map([...board.creators, ...board.removed].map((c) => [c.id, c.name]));
    const ids = creatorIds?.length ? creatorIds.filter((id) => cells.has(id)) : [...cells.keys()];
    if (ids.length === 0)
      return fail(400, 'nothing_to_restore', 'None of these creators is in the snapshot.', 'creatorIds');
    const undoSnapshotId = await this.take(boardId, 'before-restore', [user.name]);
    const result = await this.attached.applyOperation(
      boardId,
      restoreSnapshot,
      { creators: ids.map((id) => ({ id, name: names.get(id) ?? '', cells: cells.get(id)! })) },
      { ...user, role: access.role },
    );
    if (!result.ok) return { ok: false, status: 409, error: result.error };
    return { ok: true, restored: result.changed, undoSnapshotId };
  }

  private async load(boardId: string, snapshotId: string): Promise<{ doc: Y.Doc; takenAt: Date } | null> {
    if (!SNAPSHOT_ID.test(snapshotId)) return null;
    const [row] = await this.sql<{ state: Buffer; taken_at: Date }[]>`
      select state, taken_at from board_snapshots where id = ${snapshotId} and board_id = ${boardId}`;
    if (!row) return null;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(row.state));
    return { doc, takenAt: row.taken_at };
  }
}
