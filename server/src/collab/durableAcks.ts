import type { Connection } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';

// Hocuspocus' MessageType.SyncStatus; its payload is 1 for "update saved".
const MESSAGE_SYNC_STATUS = 8;

interface Gate {
  /** Settles when every append started so far for this connection is committed. */
  committed: Promise<void>;
  inFlight: number;
}

/**
 * Holds a connection's "update saved" acknowledgements until the update-log appends started
 * before them are committed.
 *
 * Hocuspocus applies an update, broadcasts it to the other clients and acknowledges it to the
 * sender in one step, right after `beforeHandleMessage`. Awaiting the append in that hook made
 * every edit wait for a PostgreSQL commit (an fsync, ~3 ms here) before anyone else saw it.
 * Durability only needs the *acknowledgement* to wait: an edit broadcast but not yet on disk
 * still lives in the sender, which is told it is unsaved and sends it again on reconnect.
 * So the hook starts the append and returns at once, and the acknowledgement (the SyncStatus
 * message the provider counts `unsyncedChanges` down with) is sent when the append commits.
 */
export class DurableAcks {
  private readonly gates = new WeakMap<Connection, Gate>();

  /** Records an append in flight for `connection`; acknowledgements sent after this wait for it. */
  track(connection: Connection, appended: Promise<unknown>): void {
    const gate = this.gates.get(connection) ?? this.holdAcknowledgements(connection);
    gate.inFlight++;
    const settled = appended.then(
      () => void gate.inFlight--,
      (error: unknown) => {
        gate.inFlight--;
        throw error;
      },
    );
    gate.committed = Promise.all([gate.committed, settled]).then(() => undefined);
    // A failed append is reported by the caller; this chain only decides whether to acknowledge.
    gate.committed.catch(() => {});
  }

  private holdAcknowledgements(connection: Connection): Gate {
    const gate: Gate = { committed: Promise.resolve(), inFlight: 0 };
    this.gates.set(connection, gate);
    const send = connection.send.bind(connection);
    connection.send = (message: Uint8Array) => {
      if (gate.inFlight === 0 || !isSavedAcknowledgement(message)) return send(message);
      // After a failed append the connection is being closed: it gets no acknowledgement.
      gate.committed.then(
        () => send(message),
        () => {},
      );
    };
    return gate;
  }
}

function isSavedAcknowledgement(message: unknown): boolean {
  if (!(message instanceof Uint8Array)) return false;
  try {
    // Every outgoing message passes here: skip the document name without decoding it.
    const decoder = decoding.createDecoder(message);
    const nameLength = decoding.readVarUint(decoder);
    decoder.pos += nameLength;
    return decoding.readVarUint(decoder) === MESSAGE_SYNC_STATUS && decoding.readVarUint(decoder) === 1;
  } catch {
    return false;
  }
}
