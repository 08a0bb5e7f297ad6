import { Connection, type Extension, type afterLoadDocumentPayload } from '@hocuspocus/server';

/**
 * Hocuspocus broadcasts each applied update to every connection of the document, its sender
 * included, which already has it: a fifth of the update messages at 4 clients a board, each
 * decoded and applied (as a no-op) by the sender. This drops that copy.
 *
 * How: Hocuspocus calls the document's `onUpdate` callback with the update's origin (the sending
 * Connection) and then, synchronously, sends the update to each connection once. So the first
 * message to the origin after that callback is the copy; nothing else is sent to it in between
 * (its acknowledgement follows the broadcast). The mark is cleared in a microtask in case the
 * origin gets no copy at all.
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
