import type { DocumentStore } from './documentStore.ts';

interface Pending {
  name: string;
  update: Uint8Array;
  resolve: (seq: bigint) => void;
  reject: (error: unknown) => void;
}

/**
 * Groups appends into one INSERT: updates arriving within `windowMs` of the first, or while a
 * write is in flight, go together in the next write. Only acknowledgements wait for appends (the
 * broadcast does not), so a few milliseconds of gathering cost no one anything visible and turn
 * hundreds of INSERTs (and disk flushes) per second into a few dozen.
 */
export class UpdateLogBatcher {
  private queue: Pending[] = [];
  private writing = false;

  constructor(
    private readonly store: DocumentStore,
    private readonly windowMs = 0,
  ) {}

  append(name: string, update: Uint8Array): Promise<bigint> {
    return new Promise((resolve, reject) => {
      this.queue.push({ name, update, resolve, reject });
      if (this.writing) return;
      this.writing = true;
      if (this.windowMs > 0) setTimeout(() => void this.flush(), this.windowMs);
      else void this.flush();
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        const seqs = await this.store.append(batch);
        batch.forEach((entry, i) => entry.resolve(seqs[i]!));
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    this.writing = false;
  }
}
