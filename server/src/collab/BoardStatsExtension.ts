import type {
  Extension,
  afterLoadDocumentPayload,
  afterStoreDocumentPayload,
  afterUnloadDocumentPayload,
  beforeUnloadDocumentPayload,
  onChangePayload,
} from '@hocuspocus/server';
import { countCreators, parseDocumentName, watchCreatorCount } from '@roster/shared';
import type { Boards } from '../domain/boards.ts';
import type { Logger } from '../log.ts';
import { DocumentWriteThrottle } from './DocumentWriteThrottle.ts';
import { EXTENSION_PRIORITY } from './extensionPriority.ts';

export type BoardFigures = Pick<Boards, 'recordFigures' | 'storedCreatorCount'>;

interface Watched {
  /** Time of the last edit not yet written. */
  changedAt: Date | null;
  /** Whether the creator count may differ from the stored one. */
  countStale: boolean;
  stopWatching: () => void;
}

/**
 * Keeps the figures the boards list shows (creators, last activity) in the `boards` row, so the
 * list never opens a document. Written after a store, when the edits are on disk: at most once per
 * `intervalMs` per document (BOARD_INDEX_INTERVAL_MS; the stores run after every edit) and once more
 * before it unloads, only for documents edited since, and the creators are counted only when an
 * edit added or removed one (countCreators scans every cell key). A failed write is logged and
 * never fails the store.
 */
export class BoardStatsExtension implements Extension {
  priority = EXTENSION_PRIORITY.boardStats;
  private readonly watched = new Map<string, Watched>();
  private readonly throttle: DocumentWriteThrottle;

  constructor(
    private readonly boards: BoardFigures,
    private readonly log: Logger,
    intervalMs = 0,
  ) {
    this.throttle = new DocumentWriteThrottle(intervalMs);
  }

  async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload): Promise<void> {
    const ref = parseDocumentName(documentName);
    if (!ref) return;
    const watched: Watched = { changedAt: null, countStale: false, stopWatching: () => {} };
    this.watched.set(documentName, watched);
    if (ref.kind !== 'board') return;
    watched.stopWatching = watchCreatorCount(document, () => (watched.countStale = true));
    // Boards from before migration 003 (or written while this server was down) get their count now.
    const stored = await this.attempt(ref.boardId, () => this.boards.storedCreatorCount(ref.boardId));
    if (stored === undefined) return;
    const count = countCreators(document);
    if (count !== stored)
      await this.attempt(ref.boardId, () => this.boards.recordFigures(ref.boardId, { creatorCount: count }));
  }

  async onChange({ documentName }: onChangePayload): Promise<void> {
    const watched = this.watched.get(documentName);
    if (watched) watched.changedAt = new Date();
  }

  async afterStoreDocument({ documentName, document }: afterStoreDocumentPayload): Promise<void> {
    if (!this.watched.get(documentName)?.changedAt) return;
    await this.throttle.request(documentName, () => this.write(documentName, document));
  }

  async beforeUnloadDocument({ documentName }: beforeUnloadDocumentPayload): Promise<void> {
    await this.throttle.flush(documentName);
  }

  async onDestroy(): Promise<void> {
    await this.throttle.flushAll();
  }

  private async write(documentName: string, document: afterStoreDocumentPayload['document']): Promise<void> {
    const watched = this.watched.get(documentName);
    const ref = parseDocumentName(documentName);
    if (!watched?.changedAt || !ref) return;
    // Read and reset in one synchronous step: an edit arriving during the write below is written by the next store.
    const figures = {
      lastActivityAt: watched.changedAt,
      creatorCount: watched.countStale ? countCreators(document) : undefined,
    };
    watched.changedAt = null;
    watched.countStale = false;
    // Notes and activity are activity on their board too; only the board document holds creators.
    await this.attempt(ref.boardId, () => this.boards.recordFigures(ref.boardId, figures));
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.watched.get(documentName)?.stopWatching();
    this.watched.delete(documentName);
  }

  private async attempt<T>(boardId: string, write: () => Promise<T>): Promise<T | undefined> {
    try {
      return await write();
    } catch (error) {
      this.log.error('could not read or write the board figures', { boardId, error: String(error) });
      return undefined;
    }
  }
}
