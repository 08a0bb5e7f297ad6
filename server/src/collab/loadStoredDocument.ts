import type * as Y from 'yjs';
import type { Logger } from '../log.ts';
import type { DocumentStore } from './documentStore.ts';
import { persistedState, type PersistedState } from './persistedState.ts';
import { StoredStateReplay } from './StoredStateReplay.ts';

// Loads at least this slow are logged with their figures.
const SLOW_LOAD_MS = 1_000;

/**
 * Applies a document's stored state (snapshot, then update log) to it, logging what could not be
 * read and loads that were slow, and returns where its stored state stands.
 */
export async function loadStoredDocument(
  store: DocumentStore,
  documentName: string,
  document: Y.Doc,
  log: Logger,
): Promise<PersistedState> {
  const started = performance.now();
  const replay = new StoredStateReplay(document);
  const stored = await store.load(documentName, replay);
  const { problems } = replay;
  if (problems.snapshotUnreadable || problems.snapshotDropped || problems.updatesSkipped || problems.updatesDropped) {
    // The board opens from what could be read; what could not stays in the database until the
    // next compaction replaces it.
    log.error('parts of the stored document could not be loaded', { documentName, ...problems });
  }
  const loadMs = Math.round(performance.now() - started);
  if (loadMs >= SLOW_LOAD_MS) {
    log.info('loaded a long update log', {
      documentName,
      logRows: stored.logRows,
      loadMs,
      snapshotMs: Math.round(replay.snapshotMs),
      longestSliceMs: Math.round(replay.longestSliceMs),
    });
  }
  return persistedState(stored);
}
