import type {
  Extension,
  afterLoadDocumentPayload,
  afterStoreDocumentPayload,
  afterUnloadDocumentPayload,
} from '@hocuspocus/server';
import type * as Y from 'yjs';
import { boardTypes, parseCellKey, parseDocumentName } from '@roster/shared';
import { EXTENSION_PRIORITY } from '../collab/extensionPriority.ts';
import type { Logger } from '../log.ts';
import { indexedPayments, PAYMENT_INDEX_FIELDS, type PaymentIndex } from './PaymentIndex.ts';

interface Watched {
  document: Y.Doc;
  /** Creators whose cells changed since the last write; null: all of them (re-index the board). */
  dirty: Set<string> | null;
}

/**
 * Keeps the payment index (PaymentIndex, migration 010) in step with board documents: the whole
 * board when it is loaded (it may have been written before the index existed), then, after a
 * store, only the creators whose payment cells (PAYMENT_INDEX_FIELDS) changed — by anyone, on any
 * instance. Only those: a status move writes nothing, so a payment change is written by the store
 * right after it, not held back, and a kill -9 cannot leave a paid payment listed (or announced)
 * as due. A failed write is logged and tried again with the next store; it never fails the store.
 */
export class PaymentIndexExtension implements Extension {
  priority = EXTENSION_PRIORITY.paymentIndex;
  private readonly watched = new Map<string, Watched>();

  constructor(
    private readonly index: PaymentIndex,
    private readonly log: Logger,
  ) {}

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
        if (parsed && PAYMENT_INDEX_FIELDS.has(parsed.field)) watched.dirty.add(parsed.creatorId);
      }
    });
    await this.write(ref.boardId, watched);
  }

  async afterStoreDocument({ documentName }: afterStoreDocumentPayload): Promise<void> {
    const watched = this.watched.get(documentName);
    const ref = parseDocumentName(documentName);
    if (!watched || !ref || watched.dirty?.size === 0) return;
    await this.write(ref.boardId, watched);
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
