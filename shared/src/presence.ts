/** The changes an awareness (presence) update names, as y-protocols reports them. */
export interface PresenceChanges {
  added: number[];
  updated: number[];
  removed: number[];
}

/** The part of a `HocuspocusProvider` that sends presence (typed here so this package needs no provider). */
export interface PresenceSender {
  awareness: {
    clientID: number;
    on(event: 'update', handler: (changes: PresenceChanges, origin: unknown) => void): void;
    off(event: 'update', handler: (changes: PresenceChanges, origin: unknown) => void): void;
  } | null;
  boundAwarenessUpdateHandler: (changes: PresenceChanges, origin: unknown) => void;
}

/**
 * Makes a provider send only this client's own presence. Hocuspocus' provider (like y-websocket's)
 * sends every presence update its awareness applies, including the ones it just received from the
 * server, so each peer's presence change came back to the server from every other client of the
 * board: at 4 clients a board, 3 of every 4 presence messages the server handled were such echoes,
 * which it decodes and drops (their clocks are not newer). Worse, a peer this client's awareness
 * timed out locally (a laptop waking from sleep) was sent on as "gone" and removed on the server.
 * Own changes still go out: state, renewals every 15 s, and the removal when the provider closes.
 */
export function sendOwnPresenceOnly(provider: PresenceSender): void {
  const awareness = provider.awareness;
  if (!awareness) return;
  const own = awareness.clientID;
  const sendAll = provider.boundAwarenessUpdateHandler;
  awareness.off('update', sendAll);
  // Replaced on the provider too, so that its destroy() unregisters this one.
  provider.boundAwarenessUpdateHandler = ({ added, updated, removed }, origin) => {
    if (!added.includes(own) && !updated.includes(own) && !removed.includes(own)) return;
    const onlyOwn = (ids: number[]) => (ids.includes(own) ? [own] : []);
    sendAll({ added: onlyOwn(added), updated: onlyOwn(updated), removed: onlyOwn(removed) }, origin);
  };
  awareness.on('update', provider.boundAwarenessUpdateHandler);
}
