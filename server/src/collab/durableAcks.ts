import { MessageType, type Connection } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import { holdOutgoing } from './hocuspocusPatches.ts';

interface Gate {
  /** Appends started for this connection (tickets 1, 2, …). */
  started: number;
  /** All tickets up to this one are committed (appends complete in order). */
  committed: number;
  /** An append failed: the connection is being closed and gets no more acknowledgements. */
  failed: boolean;
  /** Acknowledgements waiting for the ticket that was last started when they were sent. */
  held: { after: number; message: Uint8Array }[];
  /** Hocuspocus' own send, for the acknowledgements released. */
  send: (message: Uint8Array) => void;
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
 * Holding it takes a patch of Hocuspocus (hocuspocusPatches.ts, patch 3).
 */
export class DurableAcks {
  private readonly gates = new WeakMap<Connection, Gate>();

  /** An append for `connection` starts; returns its ticket for `committed`/`failed`. */
  started(connection: Connection): number {
    const gate = this.gates.get(connection) ?? this.holdAcknowledgements(connection);
    return ++gate.started;
  }

  /** The append with this ticket (and so every earlier one) is committed. */
  committed(connection: Connection, ticket: number): void {
    const gate = this.gates.get(connection);
    if (!gate || gate.failed) return;
    gate.committed = ticket;
    while (gate.held.length > 0 && gate.held[0]!.after <= ticket) gate.send(gate.held.shift()!.message);
  }

  /** An append failed: acknowledgements still held are never sent. */
  failed(connection: Connection): void {
    const gate = this.gates.get(connection);
    if (!gate) return;
    gate.failed = true;
    gate.held = [];
  }

  /** Whether an append of this connection failed (it is being closed). */
  hasFailed(connection: Connection): boolean {
    return this.gates.get(connection)?.failed ?? false;
  }

  private holdAcknowledgements(connection: Connection): Gate {
    const gate: Gate = { started: 0, committed: 0, failed: false, held: [], send: () => {} };
    this.gates.set(connection, gate);
    gate.send = holdOutgoing(connection, (message) => {
      if (gate.committed === gate.started || !isSavedAcknowledgement(message)) return false;
      if (!gate.failed) gate.held.push({ after: gate.started, message });
      return true;
    });
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
    // A SyncStatus message's payload is 1 for "update saved".
    return decoding.readVarUint(decoder) === MessageType.SyncStatus && decoding.readVarUint(decoder) === 1;
  } catch {
    return false;
  }
}
