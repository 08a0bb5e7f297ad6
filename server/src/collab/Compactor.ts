import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import * as Y from 'yjs';
import { parseDocumentName } from '@roster/shared';
import type { Logger } from '../log.ts';
import type { DocumentStore } from './documentStore.ts';
import type { PersistedState } from './persistedState.ts';

/**
 * Compaction waits until the log since the snapshot holds this share of the snapshot's size (or
 * COMPACT_MIN_LOG_BYTES, whichever is more). Rewriting the whole snapshot after every burst of edits
 * made the bytes written per edit grow with the board (a 20,000-creator board wrote 14 MB for a few
 * dozen edits); compacting in proportion keeps them constant (about 85 B / 0.05 ≈ 1.7 KB per edit,
 * at any size) while a load replays at most 5% extra.
 */
export const COMPACT_LOG_RATIO = 0.05;

/**
 * A load that replayed at least this many log rows compacts at once, whatever their bytes: each
 * row costs the next load ~20 µs even when it is tiny.
 */
const COMPACT_AFTER_LOAD_ROWS = 1_000;

const STORE_ATTEMPTS = 3;

// Compactions run in the background; letting hundreds run at once (boards edited together hit
// their max debounce together) starved the live path. Two at a time keep up and keep the tail low.
const CONCURRENT_COMPACTIONS = 2;

export interface CompactorOptions {
  /** Merge the stored snapshot in first: other instances (through Redis) may have written edits this one lacks. */
  mergeWithStored: boolean;
  compactMinLogBytes: number;
}

/**
 * Decides when a document's update log is long enough to fold into a new snapshot, and writes it:
 * at most CONCURRENT_COMPACTIONS at a time, not at all when the state is the one last stored, and
 * with retries (a failed compaction loses nothing: the log still holds every edit).
 */
export class Compactor {
  private readonly limit = pLimit(CONCURRENT_COMPACTIONS);

  constructor(
    private readonly store: DocumentStore,
    /** Resolves once every log append started before the call has completed. */
    private readonly appendsSettled: () => Promise<void>,
    private readonly log: Logger,
    private readonly options: CompactorOptions,
  ) {}

  /** The log has grown enough (COMPACT_LOG_RATIO) to compact. */
  isDue(state: PersistedState): boolean {
    return state.logBytes >= Math.max(this.options.compactMinLogBytes, COMPACT_LOG_RATIO * state.snapshotBytes);
  }

  /** A long log is compacted right after the load, so the next load does not replay it again. */
  isDueAfterLoad(state: PersistedState): boolean {
    return state.logRows >= COMPACT_AFTER_LOAD_ROWS || this.isDue(state);
  }

  /** Writes the snapshot now and drops the log rows it contains. */
  compact(documentName: string, document: Y.Doc, state: PersistedState): Promise<void> {
    const ref = parseDocumentName(documentName);
    if (!ref) return Promise.resolve();
    return this.limit(() => this.write(documentName, ref.boardId, document, state));
  }

  private async write(documentName: string, boardId: string, document: Y.Doc, state: PersistedState): Promise<void> {
    // Appends of updates already applied commit first, so the log rows they add can be dropped too.
    await this.appendsSettled();
    // Read these synchronously together: everything up to ownUpTo is in this state.
    const upTo = { loadedUpTo: state.loadedUpTo, ownUpTo: state.ownUpTo };
    const { logBytes, logRows, failedAppends } = state;
    const encoded = Y.encodeStateAsUpdate(document);
    const hash = digest(encoded);
    if (hash === state.lastStoredHash) {
      state.failedAppendsStored = failedAppends;
      return;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        const { mergeWithStored } = this.options;
        const { bytes } = await this.store.compact(documentName, boardId, encoded, upTo, mergeWithStored);
        state.lastStoredHash = hash;
        state.snapshotBytes = bytes;
        state.logBytes -= logBytes;
        state.failedAppendsStored = failedAppends;
        state.logRows -= logRows;
        this.log.debug('document stored', { documentName, bytes });
        return;
      } catch (error) {
        // The update log still holds every edit, so a failed compaction loses nothing.
        this.log.error('storing a document failed', { documentName, attempt, error: String(error) });
        if (attempt >= STORE_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
      }
    }
  }
}

function digest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64');
}
