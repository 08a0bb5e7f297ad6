import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import * as Y from 'yjs';
import type { StoredDocumentReader } from './documentStore.ts';
import { repairUpdate } from './checkUpdate.ts';

/**
 * How long a load applies updates before it lets other work run. Other boards wait at most this
 * plus the transaction's cleanup (which took up to as long again, measured on a 100,000-row log)
 * while a long log loads.
 */
export const REPLAY_SLICE_MS = 10;

/** What went wrong while loading, for the log. */
export interface ReplayProblems {
  /** The snapshot could not be used at all (the board opens from the log alone). */
  snapshotUnreadable: string | null;
  /** Items or values of the snapshot dropped for being too deep. */
  snapshotDropped: number;
  /** Logged updates skipped because they do not decode or Yjs failed to apply them. */
  updatesSkipped: number;
  /** Items or values of logged updates dropped for being too deep. */
  updatesDropped: number;
  /** The first problem with the log. */
  firstLogProblem: string | null;
}

/**
 * Applies a document's stored state to it as it is read: the snapshot, then each logged update in
 * turn, in transactions of at most REPLAY_SLICE_MS with the event loop let go in between.
 *
 * Merging the log first (Y.mergeUpdates) grows faster than linearly with its length: 20,000 rows
 * blocked the server 13.5 s, 40,000 over 5 minutes. Applied one by one they cost ~20 µs each.
 *
 * Whatever was stored before updates were checked (checkUpdate) is checked here too, against the
 * document as loaded so far: what does not decode is skipped, what is too deep is dropped
 * (repairUpdate), so a board opens from what can be read of it.
 */
export class StoredStateReplay implements StoredDocumentReader {
  readonly problems: ReplayProblems = {
    snapshotUnreadable: null,
    snapshotDropped: 0,
    updatesSkipped: 0,
    updatesDropped: 0,
    firstLogProblem: null,
  };
  /** How long applying the snapshot took (one step: Yjs cannot apply part of an update), in ms. */
  snapshotMs = 0;
  /** The longest the replay of the log held the event loop at once, in ms. */
  longestSliceMs = 0;
  private sliceStart = performance.now();

  constructor(private readonly document: Y.Doc) {}

  snapshot(state: Uint8Array): void {
    const start = performance.now();
    try {
      this.applySnapshot(state);
    } finally {
      this.snapshotMs = performance.now() - start;
    }
  }

  private applySnapshot(state: Uint8Array): void {
    const repaired = repairUpdate(state);
    this.problems.snapshotDropped = repaired.dropped;
    if (!repaired.update) {
      this.problems.snapshotUnreadable = repaired.problem;
      return;
    }
    try {
      Y.applyUpdate(this.document, repaired.update);
    } catch (error) {
      this.problems.snapshotUnreadable = String(error);
    }
  }

  async log(updates: Uint8Array[]): Promise<void> {
    // The page was read from the database meanwhile: the event loop was free.
    this.sliceStart = performance.now();
    let next = 0;
    while (next < updates.length) {
      await this.yieldIfDue();
      this.document.transact(() => {
        while (next < updates.length) {
          this.apply(updates[next++]!);
          if (performance.now() - this.sliceStart >= REPLAY_SLICE_MS) break;
        }
      });
      this.longestSliceMs = Math.max(this.longestSliceMs, performance.now() - this.sliceStart);
    }
    await this.yieldIfDue();
  }

  private apply(update: Uint8Array): void {
    const repaired = repairUpdate(update, this.document);
    if (repaired.problem) this.problems.firstLogProblem ??= repaired.problem;
    this.problems.updatesDropped += repaired.dropped;
    if (!repaired.update) {
      this.problems.updatesSkipped++;
      return;
    }
    try {
      Y.applyUpdate(this.document, repaired.update);
    } catch (error) {
      this.problems.updatesSkipped++;
      this.problems.firstLogProblem ??= String(error);
    }
  }

  private async yieldIfDue(): Promise<void> {
    if (performance.now() - this.sliceStart < REPLAY_SLICE_MS) return;
    await yieldToEventLoop();
    this.sliceStart = performance.now();
  }
}
