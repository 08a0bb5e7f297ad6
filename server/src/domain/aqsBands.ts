import pLimit from 'p-limit';
import { DEFAULT_AQS_BANDS, setAqsBands, type AqsBand, type Role } from '@roster/shared';
import type { ApplyOperation } from '../collab/applyOperation.ts';
import type { Logger } from '../log.ts';
import type { Result } from '../validation.ts';
import type { Boards } from './boards.ts';
import type { Workspaces } from './workspaces.ts';

/** Who changes the bands or starts a board: the signed-in member. */
export interface BandActor {
  id: string;
  name: string;
}

/** What setting the workspace's bands did to its boards. */
export interface BandsApplied {
  bands: AqsBand[];
  /** Open (not archived) boards that now have the bands. */
  boards: number;
  /** Boards that could not be given them (logged); they get them when next restored or set. */
  failed: number;
}

// Boards are loaded one after the other a few at a time: a workspace of 200 boards must not load
// 200 documents at once on a 2-core server.
const BOARDS_AT_ONCE = 4;

/**
 * The AQS bands are a workspace setting (`workspaces.aqs_bands`), but cards, table and filters
 * read them from each board's document (`meta.aqsBands`), so that they update live and external
 * Yjs clients see them too. This keeps the two in step: setting the workspace's edges writes them
 * into every open board through `applyOperation` (people looking at a board see badges change at
 * once), and a board that is created or restored is given the workspace's bands.
 */
export class WorkspaceAqsBands {
  constructor(
    private readonly workspaces: Workspaces,
    private readonly boards: Pick<Boards, 'list' | 'get'>,
    private readonly applyOperation: ApplyOperation,
    private readonly log: Logger,
  ) {}

  /** Sets the workspace's band edges (owners only) and gives every open board the bands. */
  async set(actor: BandActor, workspaceId: string, input: unknown): Promise<Result<BandsApplied>> {
    const stored = await this.workspaces.setAqsBandEdges(actor.id, workspaceId, input);
    if (!stored.ok) return stored;
    const role = await this.workspaces.roleOf(workspaceId, actor.id);
    const boards = await this.boards.list(workspaceId);
    const limit = pLimit(BOARDS_AT_ONCE);
    const results = await Promise.all(
      boards.map((board) => limit(() => this.write(board.id, stored.bands, { ...actor, role: role ?? 'viewer' }))),
    );
    const applied = results.filter(Boolean).length;
    return { ok: true, bands: stored.bands, boards: applied, failed: boards.length - applied };
  }

  /**
   * Gives a board the workspace's bands: a board just created (by an owner or an editor) or
   * restored from the archive (which missed the changes made meanwhile). A new board already
   * reads the default bands, so nothing is written for it while the workspace has them. Never
   * fails the caller's action: a failure is logged.
   */
  async startBoard(boardId: string, actor: BandActor & { role: Role }, { restored = false } = {}): Promise<void> {
    const board = await this.boards.get(boardId);
    if (!board) return;
    const bands = await this.workspaces.aqsBands(board.workspaceId);
    if (!restored && sameBands(bands, DEFAULT_AQS_BANDS)) return;
    await this.write(boardId, bands, actor);
  }

  private async write(boardId: string, bands: AqsBand[], actor: BandActor & { role: Role }): Promise<boolean> {
    try {
      const result = await this.applyOperation(boardId, setAqsBands, { bands }, actor);
      if (result.ok) return true;
      this.log.warn('could not give a board the workspace AQS bands', { boardId, error: result.error });
    } catch (cause) {
      this.log.error('could not give a board the workspace AQS bands', { boardId, error: String(cause) });
    }
    return false;
  }
}

function sameBands(a: readonly AqsBand[], b: readonly AqsBand[]): boolean {
  return a.length === b.length && a.every((band, i) => band.min === b[i]!.min && band.label === b[i]!.label);
}
