import * as Y from 'yjs';
import { encodeStoredQuery, newStoredQueryId, parseStoredAnswer, storedQueryFor } from './storedQuery.ts';

/** What the tracker needs of a HocuspocusProvider (shared/ does not depend on the provider). */
export interface StoredQueryProvider {
  readonly document: Y.Doc;
  /** Set once the server's sync step 2 arrived on the current connection. */
  readonly isSynced: boolean;
  sendStateless(payload: string): void;
  /** Sends sync step 1 again; the answer makes this client send what the server lacks. */
  forceSync(): void;
  on(event: 'synced' | 'close' | 'stateless', listener: (data: never) => void): unknown;
  off(event: 'synced' | 'close' | 'stateless', listener: (data: never) => void): unknown;
}

export interface SavedTrackerOptions {
  /** Called whenever `saved` changes. */
  onChange(saved: boolean): void;
  /** Quiet time after a change before asking (a burst of edits is one question). Default 50 ms. */
  askAfterMs?: number;
  /** Wait before asking again after a "not stored (yet)" answer; doubles up to 8×. Default 500 ms. */
  retryMs?: number;
}

interface Pending {
  /** Increases with every local change; a stored answer settles every change up to its own. */
  generation: number;
  update: Uint8Array;
}

/**
 * Whether every change made to a document in this browser (edits, and anything the offline cache
 * put back) is stored by the server. Changes count as unsaved from the moment they are made until
 * the server answers a query naming them by content (storedQuery.ts) with `stored`: it cannot
 * say "saved" for a change that was never sent, was dropped by a reconnect, or is not yet durable.
 */
export class SavedTracker {
  private pending: Pending[] = [];
  private generation = 0;
  private asking: { id: string; generation: number } | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private retries = 0;
  private wasSaved = true;

  constructor(
    private readonly provider: StoredQueryProvider,
    private readonly options: SavedTrackerOptions,
  ) {
    provider.document.on('update', this.onUpdate);
    provider.on('synced', this.onSynced);
    provider.on('close', this.onClose);
    provider.on('stateless', this.onStateless);
  }

  /** True when no local change is waiting to be confirmed stored. */
  get saved(): boolean {
    return this.pending.length === 0;
  }

  destroy(): void {
    clearTimeout(this.timer);
    this.provider.document.off('update', this.onUpdate);
    this.provider.off('synced', this.onSynced);
    this.provider.off('close', this.onClose);
    this.provider.off('stateless', this.onStateless);
  }

  private onUpdate = (update: Uint8Array, origin: unknown): void => {
    // What the provider applies came from the server; everything else was made here.
    if (origin === this.provider) return;
    this.pending.push({ generation: ++this.generation, update });
    this.report();
    this.askSoon(this.options.askAfterMs ?? 50);
  };

  private onSynced = (): void => {
    // A new connection: a question asked on the old one is never answered.
    this.asking = null;
    this.askSoon(this.options.askAfterMs ?? 50);
  };

  private onClose = (): void => {
    this.asking = null;
  };

  private onStateless = ({ payload }: { payload: string }): void => {
    const answer = parseStoredAnswer(payload);
    if (!answer || !this.asking || answer.id !== this.asking.id) return;
    const { generation } = this.asking;
    this.asking = null;
    if (answer.stored) {
      this.retries = 0;
      this.pending = this.pending.filter((change) => change.generation > generation);
      this.report();
      this.askSoon(this.options.askAfterMs ?? 50);
    } else {
      // Not there yet (the update may still be on its way) or lost on a reconnect: sync again
      // (the server then gets whatever it lacks) and ask later.
      const retryMs = (this.options.retryMs ?? 500) * 2 ** Math.min(this.retries++, 3);
      this.provider.forceSync();
      this.askSoon(retryMs);
    }
  };

  private askSoon(delayMs: number): void {
    if (this.timer !== undefined || this.asking) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.ask();
    }, delayMs);
  }

  private ask(): void {
    if (this.asking || this.pending.length === 0 || !this.provider.isSynced) return;
    // One update for all pending changes: a long offline session is thousands of small ones.
    if (this.pending.length > 1) {
      this.pending = [{ generation: this.generation, update: Y.mergeUpdates(this.pending.map((c) => c.update)) }];
    }
    const { generation, update } = this.pending[0]!;
    const query = storedQueryFor(newStoredQueryId(), [update]);
    this.asking = { id: query.id, generation };
    this.provider.sendStateless(encodeStoredQuery(query));
  }

  private report(): void {
    if (this.saved === this.wasSaved) return;
    this.wasSaved = this.saved;
    this.options.onChange(this.saved);
  }
}
