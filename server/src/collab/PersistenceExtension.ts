import {
  Connection,
  type Extension,
  type afterLoadDocumentPayload,
  type afterUnloadDocumentPayload,
  type beforeHandleMessagePayload,
  type onLoadDocumentPayload,
  type onStatelessPayload,
  type onStoreDocumentPayload,
} from '@hocuspocus/server';
import type * as Y from 'yjs';
import { CloseCode, closeReason, documentHolds, encodeStoredAnswer, parseStoredQuery } from '@roster/shared';
import type { Logger } from '../log.ts';
import { checkUpdate } from './checkUpdate.ts';
import { Compactor, type CompactorOptions } from './Compactor.ts';
import type { ConnectionContext } from './connectionContext.ts';
import type { DocumentStore } from './documentStore.ts';
import { EXTENSION_PRIORITY } from './extensionPriority.ts';
import { loadStoredDocument } from './loadStoredDocument.ts';
import { allStored, type PersistedState } from './persistedState.ts';
import { ServerWrite } from './ServerWrite.ts';
import { readDocumentUpdate } from './syncMessage.ts';
import { UpdateLog } from './UpdateLog.ts';

const DONE = Promise.resolve();

/** Hocuspocus closes the connection with this code and reason when a hook rejects with it. */
class RefusedUpdateError extends Error {
  readonly code = CloseCode.BadMessage;
  readonly reason = closeReason(CloseCode.BadMessage);
}

/**
 * Durable documents: Hocuspocus' hooks, each handing its work to a module. A document loads from
 * its snapshot and update log (loadStoredDocument); each client update is checked (checkUpdate)
 * and appended to the log as it arrives, its acknowledgement held until the append commits
 * (UpdateLog), so an acknowledged edit is on disk; the store hook folds a long log into a new
 * snapshot (Compactor), which keeps loads fast. DocumentStore owns the SQL.
 *
 * Runs last (EXTENSION_PRIORITY.persistence).
 */
export class PersistenceExtension implements Extension {
  priority = EXTENSION_PRIORITY.persistence;
  private readonly states = new Map<string, PersistedState>();
  private readonly updateLog: UpdateLog;
  private readonly compactor: Compactor;
  private readonly refused = new WeakSet<Connection>();

  constructor(
    private readonly store: DocumentStore,
    private readonly log: Logger,
    private readonly options: CompactorOptions & {
      /** The transaction origin of updates that came from other instances (Redis), which log them. */
      otherInstancesOrigin?: unknown;
    },
  ) {
    this.updateLog = new UpdateLog(store, log);
    this.compactor = new Compactor(store, () => this.updateLog.settled(), log, options);
  }

  async onLoadDocument({ documentName, document }: onLoadDocumentPayload): Promise<void> {
    this.states.set(documentName, await loadStoredDocument(this.store, documentName, document, this.log));
  }

  async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload): Promise<void> {
    this.logServerChanges(documentName, document);
    const state = this.states.get(documentName);
    if (!state || !this.compactor.isDueAfterLoad(state)) return;
    this.compactor.compact(documentName, document, state).catch((error: unknown) =>
      this.log.error('compacting after a load failed; the update log keeps the edits', {
        documentName,
        error: String(error),
      }),
    );
  }

  /**
   * Logs the changes made on this server through a direct connection (applyOperation), which
   * Hocuspocus applies without any message hook. A client's update is logged as it arrives
   * (beforeHandleMessage), one from another instance by the instance that received it, and what
   * the load applied is stored already; every other update is a change made here.
   */
  private logServerChanges(documentName: string, document: Y.Doc): void {
    document.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin instanceof Connection || origin === this.options.otherInstancesOrigin) return;
      const appended = this.updateLog.appendApplied(documentName, this.states.get(documentName), update);
      if (origin instanceof ServerWrite) origin.appending(appended);
      // Logged by the update log; the next snapshot holds the change.
      else appended.catch(() => {});
    });
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
    const state = this.states.get(documentName);
    const problem = checkUpdate(documentUpdate, document, state?.inFlight);
    if (problem) {
      this.refused.add(connection);
      return this.refuse(documentName, context, problem);
    }
    // Hocuspocus drops what a read-only connection sends right after this hook: never log it.
    if (connection.readOnly) return DONE;
    this.updateLog.appendFromClient(connection, documentName, state, documentUpdate);
    return DONE;
  }

  /**
   * Hocuspocus' store hook (after every edit, or debounced by STORE_DEBOUNCE_MS): compacts once the
   * log has grown enough, otherwise returns at once.
   */
  async onStoreDocument({ documentName, document }: onStoreDocumentPayload): Promise<void> {
    const state = this.states.get(documentName);
    // The log already holds every edit durably; a short one costs a load almost nothing.
    if (!state || !this.compactor.isDue(state)) return;
    await this.compactor.compact(documentName, document, state);
  }

  /**
   * Refuses an update: the sender's connection to the document is closed with 4400 (the page
   * says it could not be understood), and the update is neither logged nor applied.
   */
  private refuse(documentName: string, context: unknown, problem: string): Promise<void> {
    this.log.warn('refused an update', { documentName, userId: (context as ConnectionContext).user?.id, problem });
    return Promise.reject(new RefusedUpdateError(problem));
  }

  /** Resolves once every update-log append started before the call has committed or failed. */
  settled(): Promise<void> {
    return this.updateLog.settled();
  }

  /** Writes the snapshot now and drops the log rows it contains (on shutdown). */
  async compact(documentName: string, document: Y.Doc): Promise<void> {
    const state = this.states.get(documentName);
    if (state) await this.compactor.compact(documentName, document, state);
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
    await this.updateLog.settled();
    const state = this.states.get(documentName);
    if (!state) return;
    if (!allStored(state)) {
      try {
        await this.compactor.compact(documentName, document, state);
      } catch {
        // Logged by the compactor; the client asks again.
      }
    }
    // A failed append of this connection closed it: it is told nothing more.
    if (this.updateLog.hasFailed(connection)) return;
    connection.sendStateless(encodeStoredAnswer({ id: query.id, stored: allStored(state) }));
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.states.delete(documentName);
  }
}
