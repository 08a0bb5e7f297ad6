import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import {
  activityDocumentName,
  boardDocumentName,
  COLLAB_PATH,
  closeMessages,
  notesDocumentName,
  parseBoardSignal,
  parseCloseReason,
  parseRoleChanged,
  readPresenting,
  SavedTracker,
  type Presenting,
  type BoardSignal,
  sendOwnPresenceOnly,
  temporaryCloses,
} from '@roster/shared';

/** How long a closed creator's notes stay connected, in case the drawer is reopened. */
const NOTES_LINGER_MS = 5_000;

/**
 * The longest a board and its activity wait for their copy in this browser before syncing without
 * it (IndexedDB can be slow, or missing in a private window).
 */
const CACHE_WAIT_MS = 2_000;

interface OpenNotes {
  provider: HocuspocusProvider;
  /** Null for a viewer, who changes nothing. */
  saved: SavedTracker | null;
  users: number;
  closeTimer?: ReturnType<typeof setTimeout>;
}

export type ConnectionStatus = 'connecting' | 'live' | 'offline' | 'denied';

export interface LocalUser {
  id: string;
  name: string;
  color: string;
}

export interface Peer extends LocalUser {
  clientId: number;
  /** The creator whose drawer the peer has open, if any. */
  openCreator: string | null;
  /** The creator whose notes the peer is typing in, if any. */
  typingIn: string | null;
  /** What the peer presents in standup mode (parsed; null when not presenting or unreadable). */
  presenting: Presenting | null;
  /** The user id of the presenter this peer follows, if any. */
  following: string | null;
}

/** The presence fields this page publishes for the others on the board. */
export type PresenceField = 'openCreator' | 'typingIn' | 'standup' | 'following';

export interface BoardConnectionEvents {
  onStatus(status: ConnectionStatus, message: string | null): void;
  onPeers(peers: Peer[]): void;
  /** Whether some of this person's changes (board, activity, open notes) are not yet stored by the server. */
  onUnsaved(unsaved: boolean): void;
  /**
   * Whether this person may change the board, as the server enforces it: said on every
   * authentication, and at once when their role changes while the board is open.
   */
  onAccess(canEdit: boolean): void;
  /** The server says something about the board changed outside its document (its name). */
  onSignal(signal: BoardSignal): void;
}

/**
 * One WebSocket to `/collab` (authenticated by the session cookie) carrying the board's
 * documents: the board itself, its activity history, and the notes of whichever creator is
 * open. Reports connection state, presence and whether every change made here is stored. For an
 * editor, board and activity are cached in IndexedDB, so a board that was open keeps working
 * offline and syncs when the connection returns. A viewer gets no cache: the server refuses every
 * change from a viewer, and a cache replayed into the document is one ("Saving…" forever).
 *
 * An editor's board is read from that copy before its provider syncs: the page shows it as soon
 * as it is loaded (still "Connecting…": nothing says live or saved until the server has answered),
 * and the sync then starts from the copy's state vector, so the server sends only what changed
 * since, not the whole board again (which y-indexeddb would also have stored again).
 */
export class BoardConnection {
  readonly doc = new Y.Doc();
  readonly activityDoc = new Y.Doc();
  readonly socket: HocuspocusProviderWebsocket;
  readonly provider: HocuspocusProvider;
  private readonly activityProvider: HocuspocusProvider;
  /** Each document's IndexedDB copy (an editor's board and activity). */
  private readonly caches = new Map<Y.Doc, IndexeddbPersistence>();
  private destroyed = false;
  private readonly trackers: SavedTracker[] = [];
  /** Set once this person may edit (see startEditing). */
  private editing = false;
  private readonly notes = new Map<string, OpenNotes>();
  private status: ConnectionStatus = 'connecting';
  private denied = false;
  /** Why the server last closed the socket for a while (rate limit, timeout), until live again. */
  private notice: string | null = null;

  constructor(
    private readonly boardId: string,
    readonly user: LocalUser,
    /** The page's role; a viewer's connection keeps no offline cache and tracks no changes. */
    canEdit: boolean,
    private readonly events: BoardConnectionEvents,
  ) {
    // Marks for the browser bench (bench/openInBrowser.ts): open → local copy loaded → synced.
    performance.mark('roster:board-open');
    const protocol = location.protocol === 'https:' ? 'wss' : 'ws';
    this.socket = new HocuspocusProviderWebsocket({
      url: `${protocol}://${location.host}${COLLAB_PATH}`,
      onClose: ({ event }) => this.refuseIfNamed(event.code),
    });
    // An editor's copies first, so the providers can wait for them (see the class comment).
    const cached = (name: string, doc: Y.Doc) => (canEdit ? this.cache(name, doc) : undefined);
    const boardCache = cached(boardDocumentName(boardId), this.doc);
    const activityCache = cached(activityDocumentName(boardId), this.activityDoc);
    this.provider = this.open(
      boardDocumentName(boardId),
      this.doc,
      {
        onStatus: () => this.updateStatus(),
        onAwarenessChange: () => this.reportPeers(),
        onAuthenticated: ({ scope }) => this.access(scope === 'read-write'),
        onStateless: ({ payload }) => {
          this.roleChanged(payload);
          const signal = parseBoardSignal(payload);
          if (signal) this.events.onSignal(signal);
        },
        onSynced: () => {
          performance.mark('roster:board-synced');
          this.updateStatus();
        },
      },
      boardCache,
    );
    this.activityProvider = this.open(
      activityDocumentName(boardId),
      this.activityDoc,
      // Nobody's presence is shown on the activity history: no presence messages for it at all.
      { awareness: null },
      activityCache,
    );
    if (canEdit) this.startEditing();
    this.provider.setAwarenessField('user', user);
    window.addEventListener('online', this.updateStatus);
    window.addEventListener('offline', this.updateStatus);
    this.updateStatus();
  }

  /**
   * Opens the notes document of a creator on the same socket; call `release` when done. A released
   * document stays connected for a few seconds, so closing and reopening a drawer reuses it: a
   * provider destroyed and recreated for the same name on one socket can lose its new connection
   * on the server (Hocuspocus 3 routes the new auth message to the old connection while that
   * one's close is still being handled), which left the notes silently dead.
   */
  openNotes(creatorId: string): { provider: HocuspocusProvider; release: () => void } {
    const name = notesDocumentName(this.boardId, creatorId);
    let notes = this.notes.get(name);
    if (notes) clearTimeout(notes.closeTimer);
    else {
      const provider = this.open(name, new Y.Doc(), {});
      notes = { provider, saved: this.editing ? this.track(provider) : null, users: 0 };
      this.notes.set(name, notes);
    }
    notes.users++;
    const opened = notes;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      if (--opened.users > 0) return;
      const close = () => {
        // Notes have no offline cache: closing them with changes not yet stored would lose those.
        if (opened.saved && !opened.saved.saved) {
          opened.closeTimer = setTimeout(close, NOTES_LINGER_MS);
          return;
        }
        this.notes.delete(name);
        this.closeNotes(opened);
        this.reportUnsaved();
      };
      opened.closeTimer = setTimeout(close, NOTES_LINGER_MS);
    };
    return { provider: opened.provider, release };
  }

  /** Publishes a presence field (`openCreator`, `typingIn`, standup mode's) for the others on the board. */
  setPresence(key: PresenceField, value: unknown): void {
    this.provider.setAwarenessField(key, value);
  }

  destroy(): void {
    this.destroyed = true;
    window.removeEventListener('online', this.updateStatus);
    window.removeEventListener('offline', this.updateStatus);
    for (const tracker of this.trackers) tracker.destroy();
    this.provider.destroy();
    this.activityProvider.destroy();
    for (const notes of this.notes.values()) {
      clearTimeout(notes.closeTimer);
      this.closeNotes(notes);
    }
    this.notes.clear();
    for (const cache of this.caches.values()) void cache.destroy();
    this.socket.destroy();
    this.doc.destroy();
    this.activityDoc.destroy();
  }

  /**
   * A provider for a document on the shared socket. With `cache`, it joins the socket (and so
   * syncs) only once that copy is loaded into the document, or after CACHE_WAIT_MS.
   */
  private open(
    name: string,
    document: Y.Doc,
    handlers: Partial<ConstructorParameters<typeof HocuspocusProvider>[0]>,
    cache?: IndexeddbPersistence,
  ): HocuspocusProvider {
    const provider = new HocuspocusProvider({
      websocketProvider: this.socket,
      name,
      document,
      // The server authenticates the socket by its session cookie; Hocuspocus still wants a token.
      token: 'cookie',
      onAuthenticationFailed: ({ reason }) => this.refuseIfNamed(reason, true),
      onClose: ({ event }) => this.refuseIfNamed(event.reason),
      ...handlers,
    });
    sendOwnPresenceOnly(provider);
    if (!cache) provider.attach();
    else {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, CACHE_WAIT_MS)));
      void Promise.race([cache.whenSynced, waited]).then(() => {
        clearTimeout(timer);
        if (!this.destroyed) provider.attach();
      });
    }
    return provider;
  }

  /** Keeps the document in this browser's IndexedDB (loaded into it at once, then every change stored). */
  private cache(name: string, doc: Y.Doc): IndexeddbPersistence {
    const cache = new IndexeddbPersistence(`roster:${this.user.id}:${name}`, doc);
    if (doc === this.doc) void cache.whenSynced.then(() => performance.mark('roster:board-cache-loaded'));
    this.caches.set(doc, cache);
    return cache;
  }

  private roleChanged(payload: string): void {
    const changed = parseRoleChanged(payload);
    if (!changed) return;
    if (changed.canEdit) {
      this.startEditing();
      // What the server dropped while this connection was read-only (an edit made before the page
      // heard of the change) would hold back every later edit that builds on it: resend the difference.
      for (const provider of [this.provider, this.activityProvider, ...[...this.notes.values()].map((n) => n.provider)])
        provider.forceSync();
    }
    this.events.onAccess(changed.canEdit);
  }

  private access(canEdit: boolean): void {
    if (canEdit) this.startEditing();
    this.events.onAccess(canEdit);
  }

  private closeNotes(notes: OpenNotes): void {
    notes.saved?.destroy();
    notes.provider.destroy();
    notes.provider.document.destroy();
  }

  /**
   * From the moment this person may edit (at once, or when promoted while the board is open):
   * board and activity are cached in IndexedDB, and changes are tracked until stored.
   */
  private startEditing(): void {
    if (this.editing) return;
    this.editing = true;
    for (const provider of [this.provider, this.activityProvider]) this.trackers.push(this.track(provider));
    for (const notes of this.notes.values()) notes.saved ??= this.track(notes.provider);
    for (const [name, doc] of [
      [boardDocumentName(this.boardId), this.doc],
      [activityDocumentName(this.boardId), this.activityDoc],
    ] as const) {
      if (!this.caches.has(doc)) this.cache(name, doc);
    }
  }

  /** Follows whether this person's changes to the provider's document are stored. */
  private track(provider: HocuspocusProvider): SavedTracker {
    return new SavedTracker(provider, { onChange: () => this.reportUnsaved() });
  }

  private refuseIfNamed(codeOrReason: number | string | undefined, always = false): void {
    // The first reason stands (a refused board can be followed by a close of the whole socket).
    if (this.denied) return;
    const name = parseCloseReason(codeOrReason);
    if (!name && !always) return;
    if (name && temporaryCloses.has(name)) {
      // The provider reconnects with backoff; meanwhile the board says why it went offline.
      this.notice = closeMessages[name];
      this.updateStatus();
      return;
    }
    this.denied = true;
    // Stop reconnecting: the answer will not change until the user signs in or is re-invited.
    this.socket.disconnect();
    this.setStatus('denied', name ? closeMessages[name] : 'You cannot open this board.');
  }

  private updateStatus = (): void => {
    if (this.denied) return;
    if (!navigator.onLine) return this.setStatus('offline');
    const connected = this.socket.status === 'connected';
    if (connected && this.provider.isSynced) {
      this.notice = null;
      return this.setStatus('live');
    }
    // A socket that was live and dropped is "offline" (edits are kept and sync on reconnect).
    this.setStatus(this.status === 'live' || this.status === 'offline' ? 'offline' : 'connecting', this.notice);
  };

  private setStatus(status: ConnectionStatus, message: string | null = null): void {
    this.status = status;
    this.events.onStatus(status, message);
  }

  // Not the provider's count of unacknowledged messages: it restarts at 1 on every reconnect, so
  // after thousands of offline edits it said "saved" once the first was stored. A tracker asks the
  // server whether it durably holds the changes themselves (shared/src/saved/storedQuery.ts).
  private reportUnsaved(): void {
    const notes = [...this.notes.values()].map((open) => open.saved);
    this.events.onUnsaved([...this.trackers, ...notes].some((tracker) => tracker && !tracker.saved));
  }

  private reportPeers(): void {
    const peers: Peer[] = [];
    const seen = new Set<string>();
    for (const [clientId, state] of this.provider.awareness?.getStates() ?? []) {
      const user = state.user as Partial<LocalUser> | undefined;
      if (clientId === this.doc.clientID || !user?.id || !user.name || seen.has(user.id)) continue;
      if (user.id === this.user.id) continue;
      seen.add(user.id);
      peers.push({
        id: user.id,
        name: String(user.name),
        color: String(user.color ?? '#64748b'),
        clientId,
        openCreator: typeof state.openCreator === 'string' ? state.openCreator : null,
        typingIn: typeof state.typingIn === 'string' ? state.typingIn : null,
        // Any peer can write anything here: parsed, and ignored when it does not parse.
        presenting: readPresenting(state.standup),
        following: typeof state.following === 'string' ? state.following.slice(0, 64) : null,
      });
    }
    this.events.onPeers(peers);
  }
}
