import type { DocumentStore } from './documentStore.ts';

/** Called once per update: with its log sequence number, or with the error of its write. */
export type Appended = (error: unknown, seq?: bigint) => void;

interface Pending {
  name: string;
  update: Uint8Array;
  done: Appended;
}

/**
 * Groups appends into one INSERT: updates arriving within `windowMs` of the first, or while a
 * write is in flight, go together in the next write. Only acknowledgements wait for appends (the
 * broadcast does not), so a few milliseconds of gathering cost no one anything visible and turn
 * hundreds of INSERTs (and disk flushes) per second into a few dozen.
 *
 * Batches are written one after another and their callbacks run in order, so updates complete
 * in the order they were appended. A callback rather than a promise per update: the hot path of
 * every edit allocates as little as it can (short-lived promises surviving the few milliseconds
 * of a batch were promoted to the old generation and lengthened GC pauses).
 */
export class UpdateLogBatcher {
  private queue: Pending[] = [];
  private writing = false;
  private appended = 0;
  private completed = 0;
  private waiting: { upTo: number; resolve: () => void }[] = [];

  constructor(
    private readonly store: DocumentStore,
    private readonly windowMs = 0,
  ) {}

  append(name: string, update: Uint8Array, done: Appended): void {
    this.appended++;
    this.queue.push({ name, update, done });
    if (this.writing) return;
    this.writing = true;
    if (this.windowMs > 0) setTimeout(() => void this.flush(), this.windowMs);
    else void this.flush();
  }

  /** Resolves once every append started before this call has completed (committed or failed). */
  settled(): Promise<void> {
    if (this.completed === this.appended) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push({ upTo: this.appended, resolve }));
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      let seqs: bigint[] | null = null;
      let failure: unknown = null;
      try {
        seqs = await this.store.append(batch);
      } catch (error) {
        failure = error ?? new Error('append failed');
      }
      batch.forEach((entry, i) => entry.done(failure, seqs?.[i]));
      this.completed += batch.length;
      while (this.waiting.length > 0 && this.waiting[0]!.upTo <= this.completed) this.waiting.shift()!.resolve();
    }
    this.writing = false;
  }
}
