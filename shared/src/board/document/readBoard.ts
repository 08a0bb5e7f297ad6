import type * as Y from 'yjs';
import type { Creator } from '../creators/creator.ts';
import { cellsByCreator } from '../creators/creatorCells.ts';
import { emptyCells, profileFromCells, readSet, type CreatorCells } from '../creators/creatorFields.ts';
import { readFee } from '../creators/fees.ts';
import { readDeal } from '../deals/readDeal.ts';
import { readContent } from '../content/readContent.ts';
import { conversationOf } from '../outreach/conversation.ts';
import { profileOfEntry } from '../creators/profiles.ts';
import { readCreatorPayments, shownPaymentStatus } from '../payments/readPayments.ts';
import { readStatuses } from '../statuses/readStatuses.ts';
import { INITIAL_STATUS, STATUS_GROUPS, type Status, type StatusGroup } from '../statuses/status.ts';
import { boardTypes, type BoardTypes } from './boardTypes.ts';
import type { KeyValueEntry } from './keyValueArray.ts';
import { SCHEMA_VERSION } from './migrate.ts';
import { byRank } from './rank.ts';

/** A board as plain data. Everything a foreign client could have written wrong is repaired or skipped. */
export interface BoardData {
  schemaVersion: number;
  /** The older headline (`meta.title`), no longer shown: the board's name is `boards.name` in PostgreSQL. */
  title: string;
  /** Statuses per group, in order, archived ones included (flagged). */
  statuses: Record<StatusGroup, Status[]>;
  /** Creators on the board (not removed), in rank order. */
  creators: Creator[];
  /** Removed creators, restorable. */
  removed: Creator[];
}

/**
 * Reads the whole board. Reading a document again re-reads only what changed since (BoardReader):
 * the result equals a read of a fresh copy of the document, and what did not change keeps its
 * object — each Creator whose entries did not change (the web app skips their cards), the
 * statuses when no status changed, the whole BoardData when nothing in it changed. Do not mutate
 * what it returns: the next read builds on it.
 */
export function readBoard(doc: Y.Doc): BoardData {
  let reader = readers.get(doc);
  if (!reader) readers.set(doc, (reader = new BoardReader(boardTypes(doc))));
  return reader.read();
}

const readers = new WeakMap<Y.Doc, BoardReader>();

/**
 * Above this many changed creators one sort of the whole list is cheaper than placing each of
 * them with a binary search and a splice.
 */
const MAX_PLACED = 64;

/** A creator as last read, and what it was read from (stored entries are never changed in place). */
interface ReadCreator {
  creator: Creator;
  profileEntry: unknown;
  cells: CreatorCells;
  placementKey: string;
}

/**
 * A board's last read, and which creators changed since, from the key-value arrays' change
 * notices (a teammate's update, this tab's own writes, an undo). After a teammate's status move
 * on a 20,000-creator board it reads that one creator again and moves it to its place in the
 * sorted list, instead of visiting all 20,000 and sorting them again (tens of ms, in every frame
 * with a remote change: bench/README.md, `reread`).
 */
class BoardReader {
  private last: BoardData | null = null;
  private readonly byId = new Map<string, ReadCreator>();
  /** Creators whose cells or legacy profile changed since the last read; null: any may have. */
  private changed: Set<string> | null = null;
  private statusesChanged = true;
  private placement = {} as Record<StatusGroup, StatusPlacement>;
  private placementKey = '';

  constructor(private readonly types: BoardTypes) {
    // A null change (an index rebuilt) is followed by no notices until the array is read again;
    // `changed` stays null until the next read, which visits every creator.
    types.cells.onChange((keys) => {
      if (keys === null) this.changed = null;
      else if (this.changed) for (const key of keys) this.changed.add(creatorOfKey(key));
    });
    types.profiles.onChange((ids) => {
      if (ids === null) this.changed = null;
      else if (this.changed) for (const id of ids) this.changed.add(id);
    });
    types.statuses.onChange(() => (this.statusesChanged = true));
  }

  read(): BoardData {
    const last = this.last;
    let statuses = last?.statuses;
    let everyone = this.changed === null || !last;
    if (!statuses || this.statusesChanged) {
      this.statusesChanged = false;
      statuses = readStatuses(this.types);
      // Archiving a status re-routes its creators to another column: every creator is read again.
      if (this.place(statuses)) everyone = true;
    }
    const ids = everyone ? this.creatorIds() : this.changed!;
    this.changed = new Set();
    const gone: Creator[] = [];
    const added: Creator[] = [];
    for (const id of ids) {
      const before = this.byId.get(id)?.creator ?? null;
      const after = this.creatorNow(id);
      if (before === after) continue;
      if (before) gone.push(before);
      if (after) added.push(after);
    }
    if (everyone)
      for (const [id, { creator }] of this.byId)
        if (!ids.has(id)) {
          this.byId.delete(id);
          gone.push(creator);
        }
    const meta = this.types.meta;
    const version = meta.get('schemaVersion');
    const title = meta.get('title');
    const board: BoardData = {
      schemaVersion: typeof version === 'number' ? version : SCHEMA_VERSION,
      title: typeof title === 'string' ? title : '',
      statuses,
      creators: last?.creators ?? [],
      removed: last?.removed ?? [],
    };
    if (
      last &&
      gone.length === 0 &&
      added.length === 0 &&
      board.statuses === last.statuses &&
      board.schemaVersion === last.schemaVersion &&
      board.title === last.title
    )
      return last;
    if (gone.length > 0 || added.length > 0) {
      const placed = gone.length + added.length <= MAX_PLACED && placeChanges(board, gone, added);
      if (!placed) this.sortAll(board);
    }
    this.last = board;
    return board;
  }

  /** Reads where each stored status id is shown; true when that changed. */
  private place(statuses: Record<StatusGroup, Status[]>): boolean {
    const key = placementKey(statuses);
    if (key === this.placementKey) return false;
    this.placementKey = key;
    this.placement = Object.fromEntries(
      STATUS_GROUPS.map((group) => [group, statusPlacement(statuses[group], group)]),
    ) as Record<StatusGroup, StatusPlacement>;
    return true;
  }

  /** Creators are those with a name cell (schema 3) or a profile entry not yet migrated (schema 1/2). */
  private creatorIds(): Set<string> {
    const ids = new Set<string>();
    for (const [id, cells] of cellsByCreator(this.types)) if ('name' in cells.values) ids.add(id);
    for (const id of this.types.profiles.map.keys()) ids.add(id);
    return ids;
  }

  /**
   * One creator as it is now (null when it does not exist), read again only when what it is read
   * from changed: a creator marked changed whose entries are the same items as before (every
   * creator visited after an index rebuild, a key written and deleted in one update) keeps its
   * object.
   */
  private creatorNow(id: string): Creator | null {
    const profileEntry = this.types.profiles.map.get(id) ?? null;
    const cells = cellsByCreator(this.types).get(id) ?? NO_CELLS;
    const before = this.byId.get(id);
    if (
      before &&
      before.profileEntry === (profileEntry?.raw ?? null) &&
      before.placementKey === this.placementKey &&
      (before.cells === cells || sameEntries(before.cells.entries, cells.entries))
    ) {
      before.cells = cells;
      return before.creator;
    }
    const creator = readCreator(id, profileEntry, cells, this.placement);
    if (creator)
      this.byId.set(id, { creator, profileEntry: profileEntry?.raw ?? null, cells, placementKey: this.placementKey });
    else this.byId.delete(id);
    return creator;
  }

  /** Both lists from every creator read, sorted. */
  private sortAll(board: BoardData): void {
    board.creators = [];
    board.removed = [];
    for (const { creator } of this.byId.values()) (creator.removed ? board.removed : board.creators).push(creator);
    board.creators.sort(byRank);
    board.removed.sort(byRank);
  }
}

/**
 * Replaces the changed creators in copies of the previous (sorted) lists: each old object is
 * found by binary search and taken out, each new one put in at its place. False when an old one
 * is not where its rank puts it (then only a sort can tell).
 */
function placeChanges(board: BoardData, gone: Creator[], added: Creator[]): boolean {
  const creators = [...board.creators];
  const removed = [...board.removed];
  for (const creator of gone) {
    const list = creator.removed ? removed : creators;
    const at = positionOf(list, creator);
    if (list[at] !== creator) return false;
    list.splice(at, 1);
  }
  for (const creator of added) {
    const list = creator.removed ? removed : creators;
    list.splice(positionOf(list, creator), 0, creator);
  }
  board.creators = creators;
  board.removed = removed;
  return true;
}

/** The first position in a list sorted by rank whose creator does not sort before `creator`. */
function positionOf(list: Creator[], creator: Creator): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (byRank(list[middle]!, creator) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The creator a cell key belongs to (what precedes its first colon; parseCellKey reads the rest). */
function creatorOfKey(key: string): string {
  const colon = key.indexOf(':');
  return colon < 0 ? key : key.slice(0, colon);
}

const NO_CELLS: CreatorCells = emptyCells();

/** Compares stored items (`raw`): equal items are equal entries. */
function sameEntries(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** What decides the column a stored status id is shown in (archiving re-routes creators). */
function placementKey(statuses: Record<StatusGroup, Status[]>): string {
  let key = '';
  for (const group of STATUS_GROUPS)
    for (const status of statuses[group]) key += `${status.id}/${status.archived ? (status.movedTo ?? '-') : ''}|`;
  return key;
}

function readCreator(
  id: string,
  profileEntry: KeyValueEntry | null,
  cells: CreatorCells,
  placement: Record<StatusGroup, StatusPlacement>,
): Creator | null {
  const legacy = profileEntry ? profileOfEntry(profileEntry) : null;
  if (!legacy && !('name' in cells.values)) return null;
  const values = cells.values;
  const stored = (group: StatusGroup) => {
    const value = values[group];
    return typeof value === 'string' ? value : INITIAL_STATUS[group];
  };
  const status = (group: StatusGroup) => placement[group](stored(group));
  const fee = readFee(values.fee);
  const payments = readCreatorPayments(cells, fee);
  const rank = values.rank;
  const createdAt = values.createdAt;
  const assignee = values.assignee;
  return {
    id,
    ...profileFromCells(cells, legacy),
    statuses: {
      influencer: status('influencer'),
      contract: status('contract'),
      // The ledger decides unless someone set it by hand (shared/src/board/payments/readPayments.ts).
      payment: placement.payment(shownPaymentStatus(payments, stored('payment'))),
    },
    rank: typeof rank === 'string' && rank ? rank : 'a0',
    assignee: typeof assignee === 'string' ? assignee : null,
    tags: readSet(cells, 'tags', 40) ?? [],
    fee,
    deal: readDeal(cells),
    content: readContent(cells),
    removed: values.removed === true,
    createdAt: typeof createdAt === 'number' ? createdAt : 0,
    payments,
    ...conversationOf(cells),
  };
}

/** Maps a stored status id to the live column a creator is shown in. */
type StatusPlacement = (statusId: string) => string;

function statusPlacement(statuses: Status[], group: StatusGroup): StatusPlacement {
  const byId = new Map(statuses.map((s) => [s.id, s]));
  const firstLive = statuses.find((s) => !s.archived)?.id ?? INITIAL_STATUS[group];
  return (statusId) => {
    // Follow archived statuses to where their creators went; unknown ids (junk) go to the first column.
    let status = byId.get(statusId);
    for (let hops = 0; status?.archived && hops < 10; hops++)
      status = status.movedTo ? byId.get(status.movedTo) : undefined;
    return status && !status.archived ? status.id : firstLive;
  };
}
