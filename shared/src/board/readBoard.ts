import type * as Y from 'yjs';
import { isColor } from '../color.ts';
import { isRecord } from './guards.ts';
import type { KeyValueEntry } from './keyValueArray.ts';
import { profileOfEntry } from './profiles.ts';
import { number, readProfile, text } from './readProfile.ts';
import { boardTypes, type BoardTypes } from './boardTypes.ts';
import { cellsByCreator } from './creatorCells.ts';
import { emptyCells, profileFromCells, readSet, type CreatorCells } from './creatorFields.ts';
import {
  DEFAULT_STATUSES,
  INITIAL_STATUS,
  SCHEMA_VERSION,
  STATUS_GROUPS,
  type Creator,
  type Fee,
  type Status,
  type StatusGroup,
} from './schema.ts';

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

/** Statuses per group in rank order: built-in ones, overridden by stored changes, plus custom ones. */
export function readStatuses(types: BoardTypes): Record<StatusGroup, Status[]> {
  const byId = new Map<string, Status>(DEFAULT_STATUSES.map((s) => [s.id, { ...s }]));
  for (const [id, entry] of types.statuses.map) {
    const status = statusOf(id, entry.val);
    if (status) byId.set(id, status);
  }
  const result = { influencer: [], contract: [], payment: [] } as Record<StatusGroup, Status[]>;
  for (const status of byId.values()) result[status.group].push(status);
  for (const group of STATUS_GROUPS) result[group].sort(byRank);
  return result;
}

/**
 * One status of a group, as readStatuses reads it, or null. A status move looks up only the
 * status it moves to: reading and sorting them all allocated ~8 KB per move.
 */
export function readStatus(types: BoardTypes, group: StatusGroup, statusId: string): Status | null {
  const entry = types.statuses.map.get(statusId);
  const status = entry ? statusOf(statusId, entry.val) : null;
  const found = status ?? DEFAULT_STATUS_BY_ID.get(statusId);
  return found?.group === group ? { ...found } : null;
}

const DEFAULT_STATUS_BY_ID = new Map(DEFAULT_STATUSES.map((s) => [s.id, s]));

/** A stored status record over its built-in default (if any), repaired; null if it has no valid group. */
function statusOf(id: string, stored: unknown): Status | null {
  if (!isRecord(stored)) return null;
  const base = DEFAULT_STATUS_BY_ID.get(id);
  const group =
    base?.group ?? (STATUS_GROUPS.includes(stored.group as StatusGroup) ? (stored.group as StatusGroup) : null);
  if (!group) return null;
  return {
    id,
    group,
    name: text(stored.name, 40) || base?.name || 'Untitled',
    color: isColor(stored.color) ? stored.color : (base?.color ?? '#94a3b8'),
    rank: typeof stored.rank === 'string' && stored.rank ? stored.rank : (base?.rank ?? 'z'),
    archived: stored.archived === true,
    movedTo: typeof stored.movedTo === 'string' ? stored.movedTo : undefined,
    builtIn: Boolean(base?.builtIn),
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
  const status = (group: StatusGroup) => {
    const value = values[group];
    return placement[group](typeof value === 'string' ? value : INITIAL_STATUS[group]);
  };
  const rank = values.rank;
  const createdAt = values.createdAt;
  const assignee = values.assignee;
  return {
    id,
    ...profileFromCells(cells, legacy),
    statuses: { influencer: status('influencer'), contract: status('contract'), payment: status('payment') },
    rank: typeof rank === 'string' && rank ? rank : 'a0',
    assignee: typeof assignee === 'string' ? assignee : null,
    tags: readSet(cells, 'tags', 40) ?? [],
    fee: readFee(values.fee),
    removed: values.removed === true,
    createdAt: typeof createdAt === 'number' ? createdAt : 0,
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

/** A stored fee, or null when missing or malformed. */
export function readFee(value: unknown): Fee | null {
  if (!isRecord(value)) return null;
  const amount = number(value.amount, 0, 1e9);
  if (amount === undefined) return null;
  return {
    amount,
    currency: typeof value.currency === 'string' && /^[A-Z]{3}$/.test(value.currency) ? value.currency : 'EUR',
  };
}

/** Sorts by rank, then id, so equal ranks (two people dropping at one spot) order the same everywhere. */
export function byRank<T extends { rank: string; id: string }>(a: T, b: T): number {
  if (a.rank !== b.rank) return a.rank < b.rank ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export { isRecord, readProfile };
