import {
  ACTIVITY_LIMIT,
  historyCovers,
  movesSince,
  noFilter,
  recordStandup,
  statusChanges,
  STATUS_GROUPS,
  type Move,
  type PresentedView,
  type Presenting,
} from '@roster/shared';
import type { BoardState } from '$lib/board/BoardState.svelte';
import type { Peer } from '$lib/collab/boardConnection';
import type { ScreeningState } from '$lib/screening/ScreeningState.svelte';
import { markVisit as noteVisit, readLastVisit } from './lastVisit';

/** Most characters of a presented filter; a larger one (hundreds of chosen values) is not sent. */
const MAX_FILTER_CHARS = 8_000;

/** What the page gives standup mode: its open creator. */
export interface OpenCreator {
  get(): string | null;
  set(creatorId: string | null): void;
}

/**
 * Standup mode on one board page: presenting (publishing what this page shows in presence),
 * following a presenter (showing what they show), and "Since…" (the moves made since a time).
 * Presence carries it all; the board document only records when standups started.
 */
export class StandupState {
  /** When this person started presenting, or null. */
  presentingSince = $state<number | null>(null);
  /** The user id of the presenter this page follows, or null. */
  followingId = $state<string | null>(null);
  /** The presenter this person stopped following (by an action of their own), for "Follow again". */
  leftId = $state<string | null>(null);
  /** The presenter's scroll positions, as published (kept by StandupBanner). */
  scroll = $state.raw<PresentedView['scroll']>([]);
  /** "Since…": the time the moves are counted from, or null when not shown. */
  since = $state<number | null>(null);
  /** How `since` was chosen, as the panel's title says it. */
  sinceLabel = $state('');
  /** When this browser last had the board open before this visit. */
  readonly lastVisit: number | null;

  /** The earliest presenter among the others on the board (two started at once: the first one). */
  readonly presenter: Peer | null = $derived.by(() => {
    if (this.presentingSince !== null) return null;
    const presenting = this.board.peers.filter((peer) => peer.presenting);
    return presenting.sort((a, b) => a.presenting!.startedAt - b.presenting!.startedAt)[0] ?? null;
  });
  /** The presenter whose view this page shows now. */
  readonly followed: Peer | null = $derived(
    this.presenter && this.presenter.id === this.followingId ? this.presenter : null,
  );
  /** Who follows this person's presentation. */
  readonly followers: Peer[] = $derived.by(() =>
    this.presentingSince === null ? [] : this.board.peers.filter((peer) => peer.following === this.board.user.id),
  );

  readonly moves: Move[] = $derived.by(() => (this.since === null ? [] : movesSince(this.board.activity, this.since)));
  readonly changes = $derived(statusChanges(this.moves));
  /** Whether the history still holds every move since `since` (it keeps only the latest entries). */
  readonly complete = $derived.by(
    () => this.since === null || historyCovers(this.board.activity, this.since, ACTIVITY_LIMIT),
  );
  /** "Contacted → Negotiating · Ann" by creator, for the cards of the group shown. */
  readonly movedNotes: Map<string, string> = $derived.by(() => {
    const notes = new Map<string, string>();
    for (const move of this.moves) {
      if (move.group === this.screening.group) notes.set(move.creatorId, this.describe(move));
    }
    return notes;
  });

  constructor(
    private readonly board: BoardState,
    private readonly screening: ScreeningState,
    private readonly open: OpenCreator,
    private readonly boardId: string,
  ) {
    this.lastVisit = readLastVisit(boardId);
    noteVisit(boardId);
  }

  /** This person's name. */
  get me(): string {
    return this.board.user.name;
  }

  /** Notes that this person is looking at the board now (their "last visit" next time). */
  markVisit(): void {
    noteVisit(this.boardId);
  }

  /** Starts presenting; the standup's start is recorded on the board when this person may edit. */
  start(): void {
    if (this.presenter) return;
    this.followingId = null;
    this.leftId = null;
    this.board.setFollowing(null);
    this.presentingSince = Date.now();
    // Not an undo step: Ctrl+Z during the standup must not take its start back.
    if (this.board.canEdit) this.board.apply(recordStandup, {}, { undoable: false });
    this.publish();
  }

  /** Ends the presentation for everyone: followers' banners go away, their views stay where they are. */
  stop(): void {
    this.presentingSince = null;
    this.board.setPresenting(null);
  }

  /** Publishes what this page shows, when presenting (called whenever it changes). */
  publish(): void {
    if (this.presentingSince === null) return;
    const { view, group, filter, sort } = this.screening;
    const view_: PresentedView = {
      view,
      group,
      // A filter too long for a presence message goes out empty rather than blocking the rest.
      filter: JSON.stringify(filter).length > MAX_FILTER_CHARS ? noFilter() : filter,
      sort,
      scroll: this.scroll,
      open: this.open.get(),
      since: this.since === null ? null : { at: this.since, label: this.sinceLabel.slice(0, 120) },
    };
    const presenting: Presenting = { startedAt: this.presentingSince, view: view_ };
    this.board.setPresenting(presenting);
  }

  /** Follows the presenter (again). */
  follow(): void {
    const presenter = this.presenter;
    if (!presenter) return;
    this.followingId = presenter.id;
    this.leftId = null;
    this.board.setFollowing(presenter.id);
  }

  /** Stops following; `byOwnAction`: the person did something of their own, "Follow again" is offered. */
  unfollow(byOwnAction = true): void {
    if (this.followingId === null) return;
    this.leftId = byOwnAction ? this.followingId : null;
    this.followingId = null;
    this.board.setFollowing(null);
  }

  /** The presenter stopped or left: nothing to follow, nor to follow again. */
  reset(): void {
    if (this.followingId !== null) this.board.setFollowing(null);
    this.followingId = null;
    this.leftId = null;
  }

  /** Shows the presenter's view here (filters, group, view type, open creator; scroll is the page's). */
  show(view: PresentedView): void {
    const screening = this.screening;
    if (screening.view !== view.view) screening.view = view.view;
    if (screening.group !== view.group) screening.group = view.group;
    if (JSON.stringify(screening.filter) !== JSON.stringify(view.filter)) screening.setFilter(view.filter);
    if (JSON.stringify(screening.sort) !== JSON.stringify(view.sort)) screening.sort = view.sort;
    if (this.open.get() !== view.open) this.open.set(view.open);
    if (this.since !== (view.since?.at ?? null)) this.showSince(view.since?.at ?? null, view.since?.label ?? '');
  }

  /** Shows the moves made since `at`; null hides them. */
  showSince(at: number | null, label = ''): void {
    this.since = at;
    this.sinceLabel = label;
  }

  /** A status's name on this board (a removed one says so). */
  statusName(statusId: string): string {
    for (const group of STATUS_GROUPS) {
      const status = this.board.board.statuses[group].find((s) => s.id === statusId);
      if (status) return status.name;
    }
    return 'a removed status';
  }

  describe(move: Move): string {
    return `${this.statusName(move.from)} → ${this.statusName(move.to)} · ${move.movedBy.join(', ')}`;
  }
}
