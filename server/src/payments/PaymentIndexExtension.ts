import type {
  Extension,
  afterLoadDocumentPayload,
  afterStoreDocumentPayload,
  afterUnloadDocumentPayload,
  beforeUnloadDocumentPayload,
} from '@hocuspocus/server';
import type * as Y from 'yjs';
import { boardTypes, parseCellKey, parseDocumentName } from '@roster/shared';
import { DocumentWriteThrottle } from '../collab/DocumentWriteThrottle.ts';
import { EXTENSION_PRIORITY } from '../collab/extensionPriority.ts';
import type { Logger } from '../log.ts';
import { indexedPayments, type PaymentIndex } from './PaymentIndex.ts';

interface Watched {
  document: Y.Doc;
  /** Creators whose cells changed since the last write; null: all of them (re-index the board). */
  dirty: Set<string> | null;
}

/**
 * Keeps the payment index (PaymentIndex, migration 010) in step with board documents: the whole
 * board when it is loaded (it may have been written before the index existed), then, after a
 * store, only the creators whose cells changed — by anyone, on any instance: at most once per
 * `intervalMs` per board (BOARD_INDEX_INTERVAL_MS; the stores run after every edit) and once more
 * before it unloads. A failed write is logged and tried again with the next store; it never fails
 * the store.
 */
export class PaymentIndexExtension implements Extension {
  priority = EXTENSION_PRIORITY.paymentIndex;
  private readonly watched = new Map<string, Watched>();
  private readonly throttle: DocumentWriteThrottle;

  constructor(
    private readonly index: PaymentIndex,
    private readonly log: Logger,
    intervalMs = 0,
  ) {
    this.throttle = new DocumentWriteThrottle(intervalMs);
  }

  async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload): Promise<void> {
    const ref = parseDocumentName(documentName);
    if (ref?.kind !== 'board') return;
    const watched: Watched = { document, dirty: null };
    this.watched.set(documentName, watched);
    // boardTypes first: its index observes the cells before this listener (see WebhookExtension).
    boardTypes(document).cells.onChange((change) => {
      if (change === null || watched.dirty === null) {
        watched.dirty = null;
        return;
      }
      for (const key of change) {
        const parsed = parseCellKey(key);
        if (parsed) watched.dirty.add(parsed.creatorId);
      }
    });
    await this.write(ref.boardId, watched);
  }

  async afterStoreDocument({ documentName }: afterStoreDocumentPayload): Promise<void> {
    const watched = this.watched.get(documentName);
    const ref = parseDocumentName(documentName);
    if (!watched || !ref || watched.dirty?.size === 0) return;
    await this.throttle.request(documentName, () => this.write(ref.boardId, watched));
  }

  async beforeUnloadDocument({ documentName }: beforeUnloadDocumentPayload): Promise<void> {
    await this.throttle.flush(documentName);
  }

  async onDestroy(): Promise<void> {
    await this.throttle.flushAll();
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.watched.delete(documentName);
  }

  private async write(boardId: string, watched: Watched): Promise<void> {
    // Read and reset in one synchronous step: an edit arriving during the write goes with the next store.
    const creators = watched.dirty;
    const rows = indexedPayments(watched.document, creators ?? undefined);
    watched.dirty = new Set();
    try {
      await this.index.replace(boardId, creators, rows);
    } catch (error) {
      this.log.error('could not write the payment index', { boardId, error: String(error) });
      if (creators === null) watched.dirty = null;
      else if (watched.dirty) creators.forEach((id) => watched.dirty?.add(id));
    }
  }
}
