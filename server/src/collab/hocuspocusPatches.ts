import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  Connection,
  OutgoingMessage,
  type Document,
  type Extension,
  type afterLoadDocumentPayload,
} from '@hocuspocus/server';
import type WebSocket from 'ws';
import { EXTENSION_PRIORITY } from './extensionPriority.ts';

/**
 * Every change Roster makes to Hocuspocus' behaviour that its hooks and options cannot make, in
 * one place. Each patch replaces or wraps one of Hocuspocus' objects (or the socket it listens
 * to), so each relies on internals of the version it was written against. Start-up refuses any
 * other version (`assertTestedHocuspocus`) rather than let a patch stop working unnoticed.
 *
 * To move to another version: read each patch against its source (Document.ts, Connection.ts,
 * ClientConnection.ts, MessageReceiver.ts), delete the patches it makes unnecessary, raise
 * TESTED_HOCUSPOCUS_VERSION, and run tests/integration (collab, savedStatus, durability,
 * connectionLimits, malformedFrames, multiInstance).
 */
export const TESTED_HOCUSPOCUS_VERSION = '3.4.4';

/** The version of @hocuspocus/server this process loads (its package.json, next to its `dist/`). */
export function installedHocuspocusVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@hocuspocus/server');
  const manifest = JSON.parse(readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')) as {
    version?: unknown;
  };
  return String(manifest.version);
}

/** Throws, saying what to do, unless `installed` is the Hocuspocus version the patches were tested with. */
export function assertTestedHocuspocus(installed: string = installedHocuspocusVersion()): void {
  if (installed === TESTED_HOCUSPOCUS_VERSION) return;
  throw new Error(
    `@hocuspocus/server ${installed} is installed, but Roster was tested with ${TESTED_HOCUSPOCUS_VERSION} only: ` +
      `it changes some of Hocuspocus' internals (server/src/collab/hocuspocusPatches.ts), which another version ` +
      `may have changed. Install @hocuspocus/server ${TESTED_HOCUSPOCUS_VERSION}, or check each patch against ` +
      `${installed} and raise TESTED_HOCUSPOCUS_VERSION.`,
  );
}

/**
 * Applies the per-document patches (1 and 2) to every document once it is loaded. Hocuspocus
 * sets the document's update callback before the `afterLoadDocument` hooks run.
 */
export class HocuspocusPatchesExtension implements Extension {
  priority = EXTENSION_PRIORITY.hocuspocusPatches;

  async afterLoadDocument({ document }: afterLoadDocumentPayload): Promise<void> {
    skipOwnUpdateEchoes(document);
    broadcastPresenceOnce(document);
  }
}

/** A connection's `send`, replaced once, with the state patches 1 and 3 keep for it. */
interface PatchedSend {
  /** Hocuspocus' own `send`. */
  send: (message: Uint8Array) => void;
  /** Patch 1: the next message is the copy of the connection's own update. */
  echoDue: boolean;
  /** Patch 3: takes a message to send later (returns true), or lets it go now. */
  hold: ((message: Uint8Array) => boolean) | null;
}

const patchedSends = new WeakMap<Connection, PatchedSend>();

function patchSend(connection: Connection): PatchedSend {
  const existing = patchedSends.get(connection);
  if (existing) return existing;
  const patched: PatchedSend = { send: connection.send.bind(connection), echoDue: false, hold: null };
  patchedSends.set(connection, patched);
  connection.send = (message: Uint8Array) => {
    // The copy is dropped, never held: it is not an acknowledgement.
    if (patched.echoDue) {
      patched.echoDue = false;
      return;
    }
    if (patched.hold?.(message)) return;
    patched.send(message);
  };
  return patched;
}

/**
 * Patch 1: a client does not get its own update back.
 *
 * Hocuspocus broadcasts each applied update to every connection of the document, its sender
 * included: a fifth of the update messages at 4 clients a board, each decoded and applied (as a
 * no-op) by the sender. Hocuspocus calls the document's `onUpdate` callback with the update's
 * origin (the sending Connection) and then, synchronously, sends the update to each connection
 * once. So the first message to the origin after that callback is the copy; nothing else is sent
 * to it in between (its acknowledgement follows the broadcast). The mark is cleared in a microtask
 * in case the origin gets no copy at all.
 *
 * Upstream change that deletes it: `Document.handleUpdate` skipping the transaction origin when it
 * broadcasts (or an option for it).
 */
function skipOwnUpdateEchoes(document: Document): void {
  const onUpdate = document.callbacks.onUpdate;
  document.callbacks.onUpdate = (doc, origin, update) => {
    // Only a connection the broadcast will reach gets a copy to drop (a lookup, no array per update).
    if (origin instanceof Connection && doc.connections.get(origin.webSocket)?.connection === origin) {
      const patched = patchSend(origin);
      patched.echoDue = true;
      queueMicrotask(() => (patched.echoDue = false));
    }
    onUpdate(doc, origin, update);
  };
}

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };
type AwarenessHandler = (change: AwarenessChange, origin: unknown) => void;

/**
 * Patch 2: each presence change is encoded once, and not sent back to its author.
 *
 * Hocuspocus' awareness handler encodes the changed states once per connection (n encodings for n
 * people on a board, for every cursor move) and sends them to the author too. It is replaced by
 * one that encodes once and skips the socket the change came from (the awareness origin). A client
 * never needs its own presence back: y-protocols ignores a state whose clock it already has.
 *
 * Upstream change that deletes it: `Document.handleAwarenessUpdate` encoding the message once and
 * skipping the origin socket.
 */
function broadcastPresenceOnce(document: Document): void {
  const awareness = document.awareness as typeof document.awareness & {
    _observers: Map<string, Set<AwarenessHandler>>;
  };
  // Hocuspocus registers `this.handleAwarenessUpdate.bind(this)` in the Document constructor.
  const original = [...(awareness._observers.get('update') ?? [])].find(
    (handler) => handler.name === 'bound handleAwarenessUpdate',
  );
  if (!original) throw new Error('Hocuspocus presence handler not found (see hocuspocusPatches.ts, patch 2)');
  awareness.off('update', original);
  awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
    const from = document.connections.get(origin as never);
    // What Hocuspocus' handler also does: remember which presence states came through which socket,
    // so that they are removed when it closes.
    if (from) {
      for (const clientId of added) from.clients.add(clientId);
      for (const clientId of removed) from.clients.delete(clientId);
    }
    // Nobody but the author to tell.
    if (document.connections.size === (from ? 1 : 0)) return;
    const message = new OutgoingMessage(document.name)
      .createAwarenessUpdateMessage(awareness, added.concat(updated, removed))
      .toUint8Array();
    for (const { connection } of document.connections.values())
      if (connection !== from?.connection) connection.send(message);
  });
}

/**
 * Patch 3: a connection's outgoing messages pass through `hold` first; what it takes (returns
 * true for) is not sent now. Returns Hocuspocus' own `send`, to send what was held later (a
 * message sent through it skips patch 1 too). Used to hold "update saved" acknowledgements until
 * the update is in the log (durableAcks.ts).
 *
 * Hocuspocus applies an update, broadcasts it and acknowledges it in one step, right after the
 * `beforeHandleMessage` hooks; awaiting the log append in that hook would hold back the broadcast
 * too.
 *
 * Upstream change that deletes it: a hook that can delay the SyncStatus acknowledgement alone
 * (an async `afterHandleMessage` awaited before the acknowledgement is sent).
 */
export function holdOutgoing(
  connection: Connection,
  hold: (message: Uint8Array) => boolean,
): (message: Uint8Array) => void {
  const patched = patchSend(connection);
  patched.hold = hold;
  return patched.send;
}

/**
 * Patch 4: every message a socket receives passes through `admit` before Hocuspocus sees it;
 * `admit` returns the message to hand on (the one received, or a replacement) or null to drop it
 * (connectionGuard.ts).
 *
 * Hocuspocus (ClientConnection) queues each message for a document until that document is
 * authenticated and loaded, without bound, and `beforeHandleMessage` runs only after that queue
 * and cannot replace a message. A 'message' listener cannot keep a message from the other
 * listeners, so the socket's `emit` is wrapped.
 *
 * Upstream change that deletes it: a bound on ClientConnection's queue of messages for documents
 * not yet open, and a hook that sees every incoming message first and may drop or replace it.
 */
export function interceptIncomingMessages(websocket: WebSocket, admit: (data: unknown) => Uint8Array | null): void {
  const emit = websocket.emit.bind(websocket);
  websocket.emit = (event: string | symbol, ...args: unknown[]): boolean => {
    if (event !== 'message') return emit(event, ...args);
    const message = admit(args[0]);
    return message !== null && emit(event, message, ...args.slice(1));
  };
}
