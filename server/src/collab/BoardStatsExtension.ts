import type {
  Extension,
  afterLoadDocumentPayload,
  afterStoreDocumentPayload,
  afterUnloadDocumentPayload,
  beforeUnloadDocumentPayload,
  onChangePayload,
} from '@hocuspocus/server';
import type * as Y from 'yjs';
import { countCreators, parseDocumentName, watchCreatorCount } from '@roster/shared';
import type { BoardContentFigures, Boards } from '../domain/boards.ts';
import type { Logger } from '../log.ts';
import { EXTENSION_PRIORITY } from './extensionPriority.ts';

/** How long a document's first stored edit waits for others to write with. */
const SOON_MS = 100;

export type BoardFigures = Pick<Boards, 'recordFigures' | 'storedCreatorCount'>;

interface Watched {
  boardId: string;
  document: Y.Doc | null;
  /** Time of the last edit not yet written. */
  changedAt: Date | null;
  /** Whether the creator count may differ from the stored one. */
  countStale: boolean;
  /** When this document's figures were last written (performance.now()). */
  writtenAt: number;
  stopWatching: () => void;
}

/**
 * Keeps the figures the boards list shows (creators, last activity) in the `boards` row, so the
 * list never opens a document. Written after a store, when the edits are on disk, and for all
 * documents due in one statement: a document's first stored edit (or its first after a quiet
 * `intervalMs`, BOARD_INDEX_INTERVAL_MS) is written within SOON_MS, later ones with every other edited
 * document once per `intervalMs`, and a document's last ones before it unloads. One UPDATE per
 * board every 5 s was still ~100 statements a second with 500 boards being edited (bench/README.md,
 * 2026-12-03). The creators are counted only when an edit added or removed one (countCreators scans
 * every cell key). A failed write is logged and never fails the store.
 */
export class BoardStatsExtension implements Extension {
  priority = EXTENSION_PRIORITY.boardStats;
  private readonly watched = new Map<string, Watched>();
  /** Documents with stored edits whose figures wait for the next round. */
  private readonly due = new Set<string>();
  private round: ReturnType<typeof setTimeout> | null = null;
  private soon: ReturnType<typeof setTimeout> | null = null;
  private readonly soonDue = new Set<string>();

  constructor(
    private readonly boards: BoardFigures,
    private readonly log: Logger,
    private readonly intervalMs = 0,
  ) {}

  async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload): Promise<void> {
    const ref = parseDocumentName(documentName);
    if (!ref) return;
    const watched: Watched = {
      boardId: ref.boardId,
      document: ref.kind === 'board' ? document : null,
      changedAt: null,
      countStale: false,
      writtenAt: -Infinity,
      stopWatching: () => {},
    };
    this.watched.set(documentName, watched);
    if (ref.kind !== 'board') return;
    watched.stopWatching = watchCreatorCount(document, () => (watched.countStale = true));
    // Boards from before migration 003 (or written while this server was down) get their count now.
    const stored = await this.attempt([ref.boardId], () => this.boards.storedCreatorCount(ref.boardId));
    if (stored === undefined) return;
    const count = countCreators(document);
    if (count !== stored)
      await this.attempt([ref.boardId], () =>
        this.boards.recordFigures([{ boardId: ref.boardId, creatorCount: count }]),
      );
  }

  async onChange({ documentName }: onChangePayload): Promise<void> {
    const watched = this.watched.get(documentName);
    if (watched) watched.changedAt = new Date();
  }

  async afterStoreDocument({ documentName }: afterStoreDocumentPayload): Promise<void> {
    const watched = this.watched.get(documentName);
    if (!watched?.changedAt) return;
    if (performance.now() - watched.writtenAt >= this.intervalMs) {
      this.soonDue.add(documentName);
      // Documents first stored within SOON_MS of each other share the statement (many at once
      // when a team opens its boards together).
      this.soon ??= setTimeout(
        () => {
          this.soon = null;
          const names = [...this.soonDue];
          this.soonDue.clear();
          void this.write(names);
        },
        Math.min(SOON_MS, this.intervalMs),
      );
    } else {
      this.due.add(documentName);
      this.round ??= setTimeout(() => {
        this.round = null;
        const names = [...this.due];
        this.due.clear();
        void this.write(names);
      }, this.intervalMs);
    }
  }

  async beforeUnloadDocument({ documentName }: beforeUnloadDocumentPayload): Promise<void> {
    this.due.delete(documentName);
    this.soonDue.delete(documentName);
    await this.write([documentName]);
  }

  async onDestroy(): Promise<void> {
    if (this.round) clearTimeout(this.round);
    if (this.soon) clearTimeout(this.soon);
    this.round = this.soon = null;
    const names = [...this.due, ...this.soonDue];
    this.due.clear();
    this.soonDue.clear();
    await this.write(names);
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.watched.get(documentName)?.stopWatching();
    this.watched.delete(documentName);
  }

  private async write(documentNames: string[]): Promise<void> {
    // One row per board: notes and activity are activity on their board too (PostgreSQL would use
    // only one of two rows for the same board). Only the board document holds creators.
    const byBoard = new Map<string, BoardContentFigures>();
    const now = performance.now();
    for (const name of documentNames) {
      const watched = this.watched.get(name);
      if (!watched?.changedAt) continue;
      // Read and reset in one synchronous step: an edit arriving during the write below is written by the next store.
      const row = byBoard.get(watched.boardId) ?? { boardId: watched.boardId };
      if (!row.lastActivityAt || row.lastActivityAt < watched.changedAt) row.lastActivityAt = watched.changedAt;
      if (watched.countStale && watched.document) row.creatorCount = countCreators(watched.document);
      byBoard.set(watched.boardId, row);
      watched.changedAt = null;
      watched.countStale = false;
      watched.writtenAt = now;
    }
    const figures = [...byBoard.values()];
    if (figures.length === 0) return;
    await this.attempt(
      figures.map((f) => f.boardId),
      () => this.boards.recordFigures(figures),
    );
  }

  private async attempt<T>(boardIds: string[], write: () => Promise<T>): Promise<T | undefined> {
    try {
      return await write();
    } catch (error) {
      this.log.error('could not read or write the board figures', { boardIds, error: String(error) });
      return undefined;
    }
  }
}
