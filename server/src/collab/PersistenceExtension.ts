import { createHash } from 'node:crypto';
import type {
  Connection,
  Extension,
  afterLoadDocumentPayload,
  afterUnloadDocumentPayload,
  beforeHandleMessagePayload,
  onLoadDocumentPayload,
  onStatelessPayload,
  onStoreDocumentPayload,
} from '@hocuspocus/server';
import * as Y from 'yjs';
import {
  CloseCode,
  closeReason,
  documentHolds,
  encodeStoredAnswer,
  parseDocumentName,
  parseStoredQuery,
} from '@roster/shared';
import type { Logger } from '../log.ts';
import { checkUpdate, InFlightUpdates } from './checkUpdate.ts';
import type { ConnectionContext } from './connectionContext.ts';
import type { DocumentStore } from './documentStore.ts';
import { DurableAcks } from './durableAcks.ts';
import { StoredStateReplay } from './StoredStateReplay.ts';
import { readDocumentUpdate } from './syncMessage.ts';
import { UpdateLogBatcher } from './UpdateLogBatcher.ts';

interface Tracked {
  loadedUpTo: bigint;
  ownUpTo: bigint;
  lastStoredHash: string | null;
  /** Bytes of the stored snapshot. */
  snapshotBytes: number;
  /** Bytes in the update log since that snapshot (loaded, plus appends this instance started). */
  logBytes: number;
  /** Appends that failed: their updates are applied in memory but not in the log. */
  failedAppends: number;
  /** `failedAppends` when the last stored snapshot was encoded (it holds those updates). */
  failedAppendsStored: number;
  /** Rows in the update log since that snapshot, counted like logBytes. */
  logRows: number;
  /** Updates accepted and not yet applied, for the depth check (see InFlightUpdates). */
  inFlight: InFlightUpdates;
}

/**
 * A load that replayed at least this many log rows compacts at once, whatever their bytes: each
 * row costs the next load ~20 µs even when it is tiny.
 */
const COMPACT_AFTER_LOAD_ROWS = 1_000;
// Loads at least this slow are logged with their figures.
const SLOW_LOAD_MS = 1_000;

/** Hocuspocus closes the connection with this code and reason when a hook rejects with it. */
class RefusedUpdateError extends Error {
  readonly code = CloseCode.BadMessage;
  readonly reason = closeReason(CloseCode.BadMessage);
}

/**
 * The store hook compacts only once the log since the snapshot holds this share of the
 * snapshot's size (or COMPACT_MIN_LOG_BYTES, whichever is more). Rewriting the whole snapshot
 * after every burst of edits made the bytes written per edit grow with the board (a 20,000-creator
 * board wrote 14 MB for a few dozen edits); compacting in proportion keeps them constant (about
 * 85 B / 0.05 ≈ 1.7 KB per edit, at any size) while a load replays at most 5% extra.
 */
export const COMPACT_LOG_RATIO = 0.05;

const STORE_ATTEMPTS = 3;
const DONE = Promise.resolve();
// How long the first update of a batch waits for others before the log append (see UpdateLogBatcher).
const APPEND_WINDOW_MS = 5;
// Compactions run in the background; letting hundreds run at once (boards edited together hit
// their max debounce together) starved the live path. Two at a time keep up and keep the tail low.
const CONCURRENT_COMPACTIONS = 2;

/**
 * Durable documents. Each client update is appended to the update log as it arrives, and
 * Hocuspocus' acknowledgement of it is held until the append commits (DurableAcks), so an
 * acknowledged edit is on disk. The store hook compacts the log into a snapshot, which
 * keeps loads fast.
 *
 * Must be the last extension with a beforeHandleMessage hook: Hocuspocus applies the message
 * right after the hooks resolve, before any append can commit, so `ownUpTo` never names an
 * update that the next encoded state lacks.
 */
export class PersistenceExtension implements Extension {
  private readonly tracked = new Map<string, Tracked>();
  private readonly batcher: UpdateLogBatcher;
  private readonly acks = new DurableAcks();
  private readonly refused = new WeakSet<Connection>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly store: DocumentStore,
    private readonly log: Logger,
    private readonly options: { mergeWithStored: boolean; compactMinLogBytes: number },
  ) {
    this.batcher = new UpdateLogBatcher(store, APPEND_WINDOW_MS);
  }

  async onLoadDocument({ documentName, document }: onLoadDocumentPayload): Promise<void> {
    const started = performance.now();
    const replay = new StoredStateReplay(document);
    const stored = await this.store.load(documentName, replay);
    const { problems } = replay;
    if (problems.snapshotUnreadable || problems.snapshotDropped || problems.updatesSkipped || problems.updatesDropped) {
      // The board opens from what could be read; what could not stays in the database until the
      // next compaction replaces it.
      this.log.error('parts of the stored document could not be loaded', { documentName, ...problems });
    }
    const loadMs = Math.round(performance.now() - started);
    if (loadMs >= SLOW_LOAD_MS) {
      this.log.info('loaded a long update log', {
        documentName,
        logRows: stored.logRows,
        loadMs,
        snapshotMs: Math.round(replay.snapshotMs),
        longestSliceMs: Math.round(replay.longestSliceMs),
      });
    }
    this.tracked.set(documentName, {
      loadedUpTo: stored.loadedUpTo,
      ownUpTo: 0n,
      lastStoredHash: null,
      snapshotBytes: stored.snapshotBytes,
      logBytes: stored.logBytes,
      logRows: stored.logRows,
      failedAppends: 0,
      failedAppendsStored: 0,
      inFlight: new InFlightUpdates(),
    });
  }

  /** A long log is compacted right after the load, so the next load does not replay it again. */
  async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload): Promise<void> {
    const tracked = this.tracked.get(documentName);
    if (!tracked || (tracked.logRows < COMPACT_AFTER_LOAD_ROWS && !this.logIsLong(tracked))) return;
    this.compact(documentName, document).catch((error: unknown) =>
      this.log.error('compacting after a load failed; the update log keeps the edits', {
        documentName,
        error: String(error),
      }),
    );
  }

  beforeHandleMessage({
    connection,
    documentName,
    document,
    update,
    context,
  }: beforeHandleMessagePayload): Promise<void> {
    let documentUpdate: Uint8Array | null;
    try {
      documentUpdate = readDocumentUpdate(update);
    } catch {
      return this.refuse(documentName, context, 'a sync message that does not decode');
    }
    if (!documentUpdate) return DONE;
    // The updates a client sent after a refused one build on it: none of them is applied either.
    if (this.refused.has(connection)) return Promise.reject(new RefusedUpdateError('after a refused update'));
    // Checked for read-only connections too: Hocuspocus decodes what they send to see whether it
    // is new. Refusing rejects the hook, so Hocuspocus neither applies nor acknowledges it.
    const tracked = this.tracked.get(documentName);
    const problem = checkUpdate(documentUpdate, document, tracked?.inFlight);
    if (problem) {
      this.refused.add(connection);
      return this.refuse(documentName, context, problem);
    }
    // Hocuspocus drops what a read-only connection sends right after this hook: never log it.
    if (connection.readOnly) return DONE;
    // Counted now, not at commit: the store hook that decides on compaction runs right after this
    // update is applied, before its append commits.
    if (tracked) {
      tracked.logBytes += documentUpdate.byteLength;
      tracked.logRows++;
    }
    // Not awaited: the update is applied and broadcast now; its acknowledgement waits for the
    // commit (DurableAcks), which is what the sender's "saved" means.
    const ticket = this.acks.started(connection);
    this.batcher.append(documentName, documentUpdate, (error, seq) => {
      if (error) {
        // The edit is applied in memory and reaches the snapshot with the next store, but the
        // sender is never told it was saved: drop its socket so it reconnects and syncs again.
        this.acks.failed(connection);
        if (tracked) tracked.failedAppends++;
        this.log.error('appending an update to the log failed; closing the sender', {
          documentName,
          error: String(error),
        });
        connection.webSocket.close(1011, 'store failed');
        return;
      }
      if (tracked && seq! > tracked.ownUpTo) tracked.ownUpTo = seq!;
      this.acks.committed(connection, ticket);
    });
    return DONE;
  }

  /**
   * Hocuspocus' store hook (after every edit, or debounced by STORE_DEBOUNCE_MS): compacts once the
   * log has grown enough (COMPACT_LOG_RATIO), otherwise returns at once.
   */
  async onStoreDocument({ documentName, document }: onStoreDocumentPayload): Promise<void> {
    const tracked = this.tracked.get(documentName);
    // The log already holds every edit durably; a short one costs a load almost nothing.
    if (!tracked || !this.logIsLong(tracked)) return;
    await this.compact(documentName, document);
  }

  private logIsLong(tracked: Tracked): boolean {
    return tracked.logBytes >= Math.max(this.options.compactMinLogBytes, COMPACT_LOG_RATIO * tracked.snapshotBytes);
  }

  /**
   * Refuses an update: the sender's connection to the document is closed with 4400 (the page
   * says it could not be understood), and the update is neither logged nor applied.
   */
  private refuse(documentName: string, context: unknown, problem: string): Promise<void> {
    this.log.warn('refused an update', { documentName, userId: (context as ConnectionContext).user?.id, problem });
    return Promise.reject(new RefusedUpdateError(problem));
  }

  /** Writes the snapshot now and drops the log rows it contains (also on shutdown). */
  async compact(documentName: string, document: Y.Doc): Promise<void> {
    const tracked = this.tracked.get(documentName);
    const ref = parseDocumentName(documentName);
    if (!tracked || !ref) return;
    await this.slot();
    try {
      // Appends of updates already applied commit first, so the log rows they add can be dropped too.
      await this.batcher.settled();
      // Read these synchronously together: everything up to ownUpTo is in this state.
      const upTo = { loadedUpTo: tracked.loadedUpTo, ownUpTo: tracked.ownUpTo };
      const logBytes = tracked.logBytes;
      const failedAppends = tracked.failedAppends;
      const logRows = tracked.logRows;
      const state = Y.encodeStateAsUpdate(document);
      const hash = digest(state);
      if (hash === tracked.lastStoredHash) {
        tracked.failedAppendsStored = failedAppends;
        return;
      }
      for (let attempt = 1; ; attempt++) {
        try {
          const { mergeWithStored } = this.options;
          const { bytes } = await this.store.compact(documentName, ref.boardId, state, upTo, mergeWithStored);
          tracked.lastStoredHash = hash;
          tracked.snapshotBytes = bytes;
          tracked.logBytes -= logBytes;
          tracked.failedAppendsStored = failedAppends;
          tracked.logRows -= logRows;
          this.log.debug('document stored', { documentName, bytes });
          return;
        } catch (error) {
          // The update log still holds every edit, so a failed compaction loses nothing.
          this.log.error('storing a document failed', { documentName, attempt, error: String(error) });
          if (attempt >= STORE_ATTEMPTS) throw error;
          await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
        }
      }
    } finally {
      this.releaseSlot();
    }
  }

  /**
   * Answers a client's "are these changes of mine stored?" (shared/src/saved/storedQuery.ts): yes
   * only if the document holds every change named and everything the document held at that moment
   * is durable — its log appends have committed (each starts before its update is applied), and
   * updates whose append failed are in a stored snapshot. Content, not message order, decides, so
   * a question that overtakes its updates, or follows a reconnect that dropped them, gets "not yet".
   * With several instances, changes that reached this one through Redis are logged by the instance
   * that received them; a client that reconnects here within the milliseconds before that instance
   * commits could be told "stored" early, and would lose them only if that instance died meanwhile.
   */
  async onStateless({ connection, document, documentName, payload }: onStatelessPayload): Promise<void> {
    const query = parseStoredQuery(payload);
    // A viewer can store nothing; it gets no answers (nor costs any work).
    if (!query || connection.readOnly) return;
    if (!documentHolds(document, query)) {
      connection.sendStateless(encodeStoredAnswer({ id: query.id, stored: false }));
      return;
    }
    await this.batcher.settled();
    const tracked = this.tracked.get(documentName);
    if (!tracked) return;
    if (tracked.failedAppends !== tracked.failedAppendsStored) {
      try {
        await this.compact(documentName, document);
      } catch {
        // Logged by compact; the client asks again.
      }
    }
    // A failed append of this connection closed it: it is told nothing more.
    if (this.acks.hasFailed(connection)) return;
    const stored = tracked.failedAppends === tracked.failedAppendsStored;
    connection.sendStateless(encodeStoredAnswer({ id: query.id, stored }));
  }

  /** Waits for one of the CONCURRENT_COMPACTIONS slots. */
  private async slot(): Promise<void> {
    if (this.running < CONCURRENT_COMPACTIONS) {
      this.running++;
      return;
    }
    // The slot is handed over by releaseSlot without ever being free, so no newcomer can take it.
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private releaseSlot(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.tracked.delete(documentName);
  }
}

function digest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64');
}
