import {
  Connection,
  OutgoingMessage,
  type Document,
  type Extension,
  type afterLoadDocumentPayload,
} from '@hocuspocus/server';

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };
type AwarenessHandler = (change: AwarenessChange, origin: unknown) => void;

/**
 * Hocuspocus sends what a client sends back to that client, which already has it, and builds the
 * presence message anew for every connection. This extension drops the copies and builds each
 * presence message once.
 *
 * Updates: Hocuspocus broadcasts each applied update to every connection of the document, its
 * sender included: a fifth of the update messages at 4 clients a board, each decoded and applied
 * (as a no-op) by the sender. Hocuspocus calls the document's `onUpdate` callback with the
 * update's origin (the sending Connection) and then, synchronously, sends the update to each
 * connection once. So the first message to the origin after that callback is the copy; nothing
 * else is sent to it in between (its acknowledgement follows the broadcast). The mark is cleared
 * in a microtask in case the origin gets no copy at all.
 *
 * Presence: Hocuspocus' awareness handler encodes the changed states once per connection (n
 * encodings for n people on a board, for every cursor move) and sends them to the author too. It
 * is replaced by one that encodes once and skips the socket the change came from (the awareness
 * origin). A client never needs its own presence back: y-protocols ignores a state whose clock
 * it already has.
 */
export class SkipOwnEchoes implements Extension {
  private readonly echoDue = new WeakSet<Connection>();
  private readonly wrapped = new WeakSet<Connection>();

  async afterLoadDocument({ document }: afterLoadDocumentPayload): Promise<void> {
    const onUpdate = document.callbacks.onUpdate;
    document.callbacks.onUpdate = (doc, origin, update) => {
      // Only a connection the broadcast will reach gets a copy to drop (a lookup, no array per update).
      if (origin instanceof Connection && doc.connections.get(origin.webSocket)?.connection === origin)
        this.expectEcho(origin);
      onUpdate(doc, origin, update);
    };
    replaceAwarenessBroadcast(document);
  }

  private expectEcho(connection: Connection): void {
    if (!this.wrapped.has(connection)) {
      this.wrapped.add(connection);
      const send = connection.send.bind(connection);
      connection.send = (message: Uint8Array) => {
        if (!this.echoDue.delete(connection)) send(message);
      };
    }
    this.echoDue.add(connection);
    queueMicrotask(() => this.echoDue.delete(connection));
  }
}

function replaceAwarenessBroadcast(document: Document): void {
  const awareness = document.awareness as typeof document.awareness & {
    _observers: Map<string, Set<AwarenessHandler>>;
  };
  // Hocuspocus registers `this.handleAwarenessUpdate.bind(this)` in the Document constructor.
  const original = [...(awareness._observers.get('update') ?? [])].find(
    (handler) => handler.name === 'bound handleAwarenessUpdate',
  );
  // Another Hocuspocus version: keep its broadcast (the collab tests would show the echo again).
  if (!original) return;
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
