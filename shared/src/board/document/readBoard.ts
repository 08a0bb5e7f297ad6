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
import { boardTypes } from './boardTypes.ts';
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

/** Reads the whole board. */
export function readBoard(doc: Y.Doc): BoardData {
  const types = boardTypes(doc);
  const statuses = readStatuses(types);
  const placement = Object.fromEntries(
    STATUS_GROUPS.map((group) => [group, statusPlacement(statuses[group], group)]),
  ) as Record<StatusGroup, StatusPlacement>;
  const cells = cellsByCreator(types);
  const statusesKey = placementKey(statuses);
  const previous = readCache.get(doc);
  const next = new Map<string, CachedCreator>();
  const creators: Creator[] = [];
  const removed: Creator[] = [];
  // Creators are those with a name cell (schema 3) or a profile entry not yet migrated (schema 1/2).
  const ids = new Set<string>();
  for (const [id, creatorCells] of cells) if ('name' in creatorCells.values) ids.add(id);
  for (const id of types.profiles.map.keys()) ids.add(id);
  for (const id of ids) {
    const profileEntry = types.profiles.map.get(id) ?? null;
    const cellEntries = cells.get(id) ?? NO_CELLS;
    const cached = previous?.get(id);
    const creator =
      cached &&
      cached.profileEntry === (profileEntry?.raw ?? null) &&
      cached.statusesKey === statusesKey &&
      (cached.cells === cellEntries || sameEntries(cached.cellEntries, cellEntries.entries))
        ? cached.creator
        : readCreator(id, profileEntry, cellEntries, placement);
    if (!creator) continue;
    next.set(id, {
      profileEntry: profileEntry?.raw ?? null,
      cells: cellEntries,
      cellEntries: cellEntries.entries,
      statusesKey,
      creator,
    });
    (creator.removed ? removed : creators).push(creator);
  }
  readCache.set(doc, next);
  creators.sort(byRank);
  removed.sort(byRank);
  const meta = types.meta;
  const version = meta.get('schemaVersion');
  return {
    schemaVersion: typeof version === 'number' ? version : SCHEMA_VERSION,
    title: typeof meta.get('title') === 'string' ? (meta.get('title') as string) : '',
    statuses,
    creators,
    removed,
  };
}

const NO_CELLS: CreatorCells = emptyCells();

/**
 * What readBoard read for a creator last time. Stored entries are immutable (a write replaces
 * the entry), so when a creator's profile entry, cell entries and the statuses are the same
 * objects as before, the previous Creator is returned as is: after a status move on a
 * 5,000-creator board only one creator is read again, and the web app can skip re-rendering
 * the cards whose object did not change.
 */
interface CachedCreator {
  profileEntry: unknown;
  cells: CreatorCells;
  cellEntries: unknown[];
  statusesKey: string;
  creator: Creator | null;
}
const readCache = new WeakMap<Y.Doc, Map<string, CachedCreator>>();

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
