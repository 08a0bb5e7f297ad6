import type { DocumentStore } from './documentStore.ts';

interface Pending {
  name: string;
  update: Uint8Array;
  resolve: (seq: bigint) => void;
  reject: (error: unknown) => void;
}

/**
 * Groups concurrent appends into one INSERT: while one write is in flight, new updates queue
 * and go together in the next. Under load this turns N round trips into about one.
 */
export class UpdateLogBatcher {
  private queue: Pending[] = [];
  private writing = false;

  constructor(private readonly store: DocumentStore) {}

  append(name: string, update: Uint8Array): Promise<bigint> {
    return new Promise((resolve, reject) => {
      this.queue.push({ name, update, resolve, reject });
      if (!this.writing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.writing = true;
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
