import * as Y from 'yjs';
import {
  BoardSignal,
  boardTypes,
  createDemoBoard,
  DEFAULT_AQS_BANDS,
  EMPTY_TARGET,
  migrateBoard,
  readActivity,
  readAqsBands,
  readBoard,
  readBudget,
  readFollowUpDays,
  readStandups,
  type Standup,
  readTargetAudience,
  readViews,
  type SavedView,
  type ActivityEntry,
  refused,
  runOperation,
  type AnyOperation,
  type AqsBand,
  type BoardData,
  type Budget,
  type TargetAudience,
  type InputOf,
  type Presenting,
  type ResultOf,
} from '@roster/shared';
import { BoardConnection, type ConnectionStatus, type LocalUser, type Peer } from '$lib/collab/boardConnection';
import { presenceColors } from '$lib/collab/userColor';

const EMPTY: BoardData = {
  schemaVersion: 1,
  title: '',
  statuses: { influencer: [], contract: [], payment: [] },
  creators: [],
  removed: [],
};

/**
 * The live board as runes state, refreshed from the board's Y.Doc (once per animation frame, so
 * a burst of remote changes renders once). Components read the fields and call the methods;
 * they never touch Yjs. Every change goes through a shared operation with this tab's origin, so
 * undo/redo only ever reverts this person's own changes.
 */
/** How long changes must stay unsaved before the header says so. */
const UNSAVED_NOTICE_MS = 500;

export class BoardState {
  board = $state.raw<BoardData>(EMPTY);
  activity = $state.raw<ActivityEntry[]>([]);
  /** The board's own AQS bands (a board setting), the default ones when it has none. */
  aqsBands = $state.raw<AqsBand[]>(DEFAULT_AQS_BANDS.map((band) => ({ ...band })));
  /** Whom the campaign wants to reach (a board setting); the empty target when none is set. */
  targetAudience = $state.raw<TargetAudience>(EMPTY_TARGET);
  /** The campaign budget (a board setting), or null. */
  budget = $state.raw<Budget | null>(null);
  /** After how many days without a reply a contacted creator needs a follow-up (a board setting). */
  followUpDays = $state.raw(7);
  /** The standups started on this board, newest first (standup mode's "Since the last standup"). */
  standups = $state.raw<Standup[]>([]);
  /** The board's saved views (shared with the team), by name. */
  views = $state.raw<SavedView[]>([]);
  status = $state.raw<ConnectionStatus>('connecting');
  statusMessage = $state.raw<string | null>(null);
  peers = $state.raw<Peer[]>([]);
  /** This person as shown to themselves: `user` with the colour given among the people present. */
  me = $state.raw<LocalUser>({ id: '', name: '', color: '' });
  canUndo = $state.raw(false);
  canRedo = $state.raw(false);
  /** Set once the board has content or the server answered, so empty states don't flash. */
  loaded = $state.raw(false);
  /** Some of this person's changes are not yet stored by the server (kept in the browser meanwhile). */
  unsaved = $state.raw(false);
  /**
   * Whether this person may change the board: the page's role at first, then what the server says
   * (a role changed while the board is open switches the page between edit and view mode).
   */
  canEdit = $state.raw(false);
  /** Why the mode changed while the board was open; null until it does. */
  accessNotice = $state.raw<string | null>(null);
  /**
   * A feature that asks before some changes (deals: moving to Contract sent or signed without a
   * contract or date opens a dialog, which then makes the move itself): returns true when it took
   * the change over, and `apply` then changes nothing.
   */
  askFirst: ((operation: AnyOperation, input: unknown) => boolean) | null = null;
  private unsavedTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bytes of this person's own changes since the board opened (see `sentBytes`). */
  private ownBytes = 0;
  /** `ownBytes` when the server last had every change of this tab stored (see `unstoredBytes`). */
  private storedBytes = 0;
  private storedWaiters: (() => void)[] = [];

  // Private so components never reach the Y.Docs or providers; what they need is a method here.
  private readonly connection: BoardConnection;
  private readonly localOrigin = { local: true };
  /** This person's changes that are not undo steps (see `apply`). */
  private readonly recordOrigin = { local: true, record: true };
  private readonly undoManager: Y.UndoManager;
  private frame = 0;
  /** Saved views are read only when their array changed, not on every creator edit. */
  private viewsChanged = true;

  constructor(
    readonly boardId: string,
    readonly user: LocalUser,
    canEdit: boolean,
    /** The board's name changed on the server (it lives in PostgreSQL, not in the document). */
    onRenamed: () => void = () => {},
  ) {
    this.canEdit = canEdit;
    this.me = user;
    let beenLive = false;
    this.connection = new BoardConnection(boardId, user, canEdit, {
      onStatus: (status, message) => {
        const cameBack = status === 'live' && this.status !== 'live' && beenLive;
        this.status = status;
        this.statusMessage = message;
        if (status === 'live') {
          // Back after a drop: a rename made meanwhile was signalled to a socket that was gone.
          if (cameBack) onRenamed();
          beenLive = true;
          // Read the synced document now, not at the next frame: until then the board looked
          // empty and "This board is empty" flashed over a full board for a frame or more. The
          // frame the sync's update asked for would read it all again (on first opening a
          // 5,000-creator board, a second full read before the first card is painted).
          cancelAnimationFrame(this.frame);
          this.frame = 0;
          this.refresh();
          this.loaded = true;
          if (this.canEdit) migrateBoard(this.connection.doc, this.localOrigin);
        }
      },
      onPeers: (peers) => this.showPeers(peers),
      onUnsaved: (unsaved) => this.showUnsaved(unsaved),
      onAccess: (canEdit) => {
        if (canEdit === this.canEdit) return;
        this.canEdit = canEdit;
        this.accessNotice = canEdit
          ? 'Your role changed: you can now edit this board.'
          : 'Your role changed: you can now view this board but not change it.';
      },
      onSignal: (signal) => signal === BoardSignal.Renamed && onRenamed(),
    });
    const types = boardTypes(this.connection.doc);
    this.undoManager = new Y.UndoManager(
      [types.meta, types.statuses.yarray, types.profiles.yarray, types.cells.yarray],
      { trackedOrigins: new Set([this.localOrigin]), captureTimeout: 400 },
    );
    types.views.onChange(() => (this.viewsChanged = true));
    this.undoManager.on('stack-item-added', this.refreshUndo);
    this.undoManager.on('stack-item-popped', this.refreshUndo);
    this.connection.doc.on('update', this.scheduleRefresh);
    this.connection.activityDoc.on('update', this.scheduleRefresh);
    this.connection.doc.on('update', this.countOwnBytes);
    this.connection.activityDoc.on('update', this.countOwnBytes);
    // Not read now: the document is empty until the copy kept in this browser or the server's
    // arrives (each update, and going live, reads it). Read empty, its indexes would be built
    // empty and then kept up to date change by change as that copy is applied: on a
    // 5,000-creator board ~150,000 single changes, ~0.4 s more before the first card than one
    // read of the whole board once it is there.
  }

  /**
   * Bytes of this person's own changes since the board opened, board and activity together: what
   * this tab has sent (or will send) to the server, which limits bytes per second per connection.
   * A CSV import paces its batches by it.
   */
  get sentBytes(): number {
    return this.ownBytes;
  }

  private countOwnBytes = (update: Uint8Array, origin: unknown): void => {
    if (origin === this.localOrigin || origin === this.recordOrigin) this.ownBytes += update.byteLength;
  };

  /**
   * Bytes of this tab's changes the server has not yet confirmed stored. A CSV import waits when
   * they pile up (`whenStored`): pacing by bytes alone let a busy server fall minutes behind.
   */
  get unstoredBytes(): number {
    return this.ownBytes - this.storedBytes;
  }

  /** Resolves once the server has stored every change made here so far (or the board is closed). */
  whenStored(): Promise<void> {
    if (this.unstoredBytes <= 0) return Promise.resolve();
    return new Promise((resolve) => this.storedWaiters.push(resolve));
  }

  /** Peers with colours distinct among everyone present (see presenceColors). */
  private showPeers(peers: Peer[]): void {
    const colors = presenceColors([this.user.id, ...peers.map((peer) => peer.id)]);
    this.peers = peers.map((peer) => ({ ...peer, color: colors.get(peer.id) ?? peer.color }));
    const color = colors.get(this.user.id) ?? this.user.color;
    if (color !== this.me.color) this.me = { ...this.user, color };
  }

  get creatorsById(): Map<string, BoardData['creators'][number]> {
    return new Map([...this.board.creators, ...this.board.removed].map((c) => [c.id, c]));
  }

  /**
   * Applies a shared operation to the board as this person, now. The input is typed by the
   * operation's schema; a refusal comes back as a Problem whose `message` is for people (and
   * whose `field`, when set, names the form field to mark). `undoable: false` for a record that
   * Ctrl+Z must not take back (when a standup started).
   */
  apply<Op extends AnyOperation>(operation: Op, input: InputOf<Op>, { undoable = true } = {}): ResultOf<Op> {
    if (!this.canEdit) return refused('read_only', 'You can view this board but not change it.') as ResultOf<Op>;
    if (this.askFirst?.(operation, input)) return { ok: true, asked: true } as unknown as ResultOf<Op>;
    const result = runOperation(this.connection.doc, operation, input, {
      actor: { id: this.user.id, name: this.user.name },
      now: Date.now(),
      origin: undoable ? this.localOrigin : this.recordOrigin,
      activity: this.connection.activityDoc,
    });
    // Each action is its own undo step, however quickly the next one follows.
    this.undoManager.stopCapturing();
    return result;
  }

  /**
   * Reads what `board` does not hold (a feature's own cells, such as posted content) from the live
   * document. It reads `board` first, so inside a `$derived` it runs again whenever the board changes.
   */
  read<T>(reader: (doc: Y.Doc) => T): T {
    void this.board;
    return reader(this.connection.doc);
  }

  /** Fills the board with demo creators (first run). */
  fillWithDemo(): void {
    if (!this.canEdit) return;
    createDemoBoard(this.connection.doc, {
      actor: { id: this.user.id, name: this.user.name },
      now: Date.now(),
      origin: this.localOrigin,
      activity: this.connection.activityDoc,
    });
  }

  undo = () => this.undoManager.undo();
  redo = () => this.undoManager.redo();

  /** Tells the others which creator this person has open. */
  setOpenCreator(creatorId: string | null): void {
    this.connection.setPresence('openCreator', creatorId);
  }

  /** Standup mode: publishes what this person presents (null: not presenting). */
  setPresenting(presenting: Presenting | null): void {
    this.connection.setPresence('standup', presenting);
  }

  /** Standup mode: publishes whose presentation this person follows (a user id, or null). */
  setFollowing(presenterId: string | null): void {
    this.connection.setPresence('following', presenterId);
  }

  setTyping(creatorId: string | null): void {
    this.connection.setPresence('typingIn', creatorId);
  }

  /**
   * Opens a creator's notes (their own document, loaded only while someone shows them); call
   * `release` when they are no longer shown.
   */
  openNotes(creatorId: string): ReturnType<BoardConnection['openNotes']> {
    return this.connection.openNotes(creatorId);
  }

  /**
   * Every edit is unsaved for the few milliseconds until the server has it in the database;
   * flashing "Saving…" for each would be noise, so it shows only once that takes a while.
   */
  private showUnsaved(unsaved: boolean): void {
    if (!unsaved) {
      this.storedBytes = this.ownBytes;
      for (const resolve of this.storedWaiters.splice(0)) resolve();
      clearTimeout(this.unsavedTimer);
      this.unsavedTimer = undefined;
      this.unsaved = false;
    } else if (!this.unsaved && this.unsavedTimer === undefined) {
      this.unsavedTimer = setTimeout(() => {
        this.unsavedTimer = undefined;
        this.unsaved = true;
      }, UNSAVED_NOTICE_MS);
    }
  }

  destroy(): void {
    for (const resolve of this.storedWaiters.splice(0)) resolve();
    clearTimeout(this.unsavedTimer);
    cancelAnimationFrame(this.frame);
    this.connection.doc.off('update', this.scheduleRefresh);
    this.connection.activityDoc.off('update', this.scheduleRefresh);
    this.connection.doc.off('update', this.countOwnBytes);
    this.connection.activityDoc.off('update', this.countOwnBytes);
    this.undoManager.destroy();
    this.connection.destroy();
  }

  private scheduleRefresh = (): void => {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.refresh();
    });
  };

  private refresh(): void {
    this.board = readBoard(this.connection.doc);
    const bands = readAqsBands(this.connection.doc);
    // Same bands, same array: cards re-render only when the setting changes.
    if (JSON.stringify(bands) !== JSON.stringify(this.aqsBands)) this.aqsBands = bands;
    // The same for the target (every card's match score follows it) and the budget.
    const target = readTargetAudience(this.connection.doc);
    if (JSON.stringify(target) !== JSON.stringify(this.targetAudience)) this.targetAudience = target;
    const budget = readBudget(this.connection.doc);
    if (JSON.stringify(budget) !== JSON.stringify(this.budget)) this.budget = budget;
    this.followUpDays = readFollowUpDays(this.connection.doc);
    const standups = readStandups(this.connection.doc);
    if (JSON.stringify(standups) !== JSON.stringify(this.standups)) this.standups = standups;
    if (this.viewsChanged) {
      this.viewsChanged = false;
      this.views = readViews(this.connection.doc);
    }
    this.activity = readActivity(this.connection.activityDoc);
    if (this.board.creators.length > 0) this.loaded = true;
  }

  private refreshUndo = (): void => {
    this.canUndo = this.undoManager.canUndo();
    this.canRedo = this.undoManager.canRedo();
  };
}
