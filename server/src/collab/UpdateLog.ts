import type { Connection } from '@hocuspocus/server';
import type { Logger } from '../log.ts';
import type { DocumentStore } from './documentStore.ts';
import { DurableAcks } from './durableAcks.ts';
import type { PersistedState } from './persistedState.ts';
import { UpdateLogBatcher } from './UpdateLogBatcher.ts';

// How long the first update of a batch waits for others before the log append (see UpdateLogBatcher).
// Only the "saved" acknowledgement waits for it, never the broadcast. 20 rather than 5 ms: at 500
// changes/s on 500 boards, ~50 INSERTs/s instead of ~200, and each was a socket write and a
// PostgreSQL commit competing with the live path for the same cores (bench/README.md, 2026-12-03).
const APPEND_WINDOW_MS = 20;

/**
 * Appends every update to the document's update log as it arrives, so an edit is durable long
 * before the next snapshot. A client is told its update was saved only once its append commits
 * (DurableAcks); a client whose append failed is disconnected, so that it sends its edits again.
 * Changes the server makes itself (applyOperation) are appended once applied.
 */
export class UpdateLog {
  private readonly batcher: UpdateLogBatcher;
  private readonly acks = new DurableAcks();

  constructor(
    store: DocumentStore,
    private readonly log: Logger,
  ) {
    this.batcher = new UpdateLogBatcher(store, APPEND_WINDOW_MS);
  }

  /**
   * Appends a client's update, about to be applied, and holds its acknowledgement until the append
   * commits. Not awaited: the update is applied and broadcast now.
   */
  appendFromClient(
    connection: Connection,
    documentName: string,
    state: PersistedState | undefined,
    update: Uint8Array,
  ) {
    // Counted now, not at commit: the store hook that decides on compaction runs right after this
    // update is applied, before its append commits.
    if (state) {
      state.logBytes += update.byteLength;
      state.logRows++;
    }
    const ticket = this.acks.started(connection);
    this.batcher.append(documentName, update, (error, seq) => {
      if (error) {
        // The edit is applied in memory and reaches the snapshot with the next store, but the
        // sender is never told it was saved: drop its socket so it reconnects and syncs again.
        this.acks.failed(connection);
        if (state) state.failedAppends++;
        this.log.error('appending an update to the log failed; closing the sender', {
          documentName,
          error: String(error),
        });
        connection.webSocket.close(1011, 'store failed');
        return;
      }
      if (state && seq! > state.ownUpTo) state.ownUpTo = seq!;
      this.acks.committed(connection, ticket);
    });
  }

  /**
   * Appends an update the server made and has applied (through a Hocuspocus direct connection);
   * resolves once it is committed. If it fails, the update reaches the log's next snapshot, and
   * until then the document does not count as stored.
   */
  appendApplied(documentName: string, state: PersistedState | undefined, update: Uint8Array): Promise<void> {
    if (state) {
      state.logBytes += update.byteLength;
      state.logRows++;
    }
    return new Promise((resolve, reject) => {
      this.batcher.append(documentName, update, (error, seq) => {
        if (error) {
          if (state) state.failedAppends++;
          this.log.error('appending a server-side update to the log failed', { documentName, error: String(error) });
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        if (state && seq! > state.ownUpTo) state.ownUpTo = seq!;
        resolve();
      });
    });
  }

  /** Resolves once every append started before this call has completed (committed or failed). */
  settled(): Promise<void> {
    return this.batcher.settled();
  }

  /** Whether an append of this connection failed (it is being closed, and is told nothing more). */
  hasFailed(connection: Connection): boolean {
    return this.acks.hasFailed(connection);
  }
}
