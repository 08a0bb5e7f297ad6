import { InFlightUpdates } from './checkUpdate.ts';
import type { StoredDocument } from './documentStore.ts';

/** What persistence knows of one loaded document: where its stored state stands, and its log. */
export interface PersistedState {
  /** Highest update-log sequence number the load read. */
  loadedUpTo: bigint;
  /** Highest sequence number of this instance's own appends for it that have committed. */
  ownUpTo: bigint;
  /** Hash of the last snapshot stored, to skip storing the same state again. */
  lastStoredHash: string | null;
  /** Bytes of the stored snapshot. */
  snapshotBytes: number;
  /** Bytes in the update log since that snapshot (loaded, plus appends this instance started). */
  logBytes: number;
  /** Rows in the update log since that snapshot, counted like logBytes. */
  logRows: number;
  /** Appends that failed: their updates are applied in memory but not in the log. */
  failedAppends: number;
  /** `failedAppends` when the last stored snapshot was encoded (it holds those updates). */
  failedAppendsStored: number;
  /** Updates accepted and not yet applied, for the depth check (see InFlightUpdates). */
  inFlight: InFlightUpdates;
}

export function persistedState(stored: StoredDocument): PersistedState {
  return {
    loadedUpTo: stored.loadedUpTo,
    ownUpTo: 0n,
    lastStoredHash: null,
    snapshotBytes: stored.snapshotBytes,
    logBytes: stored.logBytes,
    logRows: stored.logRows,
    failedAppends: 0,
    failedAppendsStored: 0,
    inFlight: new InFlightUpdates(),
  };
}

/** Whether every update applied to the document is durable: in the log, or in a stored snapshot. */
export function allStored(state: PersistedState): boolean {
  return state.failedAppends === state.failedAppendsStored;
}
