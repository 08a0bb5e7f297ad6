import type * as Y from 'yjs';
import { getCell, type BoardTypes } from '../document/boardTypes.ts';
import { keyOf } from '../document/keyValueArray.ts';
import type { Profile } from './creator.ts';
import { addCell, emptyCells, fieldKey, parseCellKey, profileFromCells, type CreatorCells } from './creatorFields.ts';
import { profileOfEntry } from './profiles.ts';
import type { CellWrites } from './profileWrites.ts';

interface Grouped {
  stale: boolean;
  byCreator: Map<string, CreatorCells>;
  /** Creators whose cells changed since they were last grouped, with the keys that changed. */
  dirty: Map<string, Set<string>>;
}
const grouped = new WeakMap<Y.Doc, Grouped>();

/**
 * Every creator's cells, grouped by creator and kept up to date from the array's changes: an
 * edit of one creator (here or by a teammate) re-reads that creator's ~30 cells, not the
 * ~150,000 of a 5,000-creator board. A changed creator gets a new CreatorCells object, an
 * unchanged one keeps its object (readBoard's cache relies on that). A change only marks its
 * creators; they are re-read when asked for: the server, which reads a creator's cells only
 * when its payments change (webhooks), no longer re-reads every moved creator (new objects per
 * edit that outlived a scavenge or two and lengthened the server's GC pauses).
 */
export function cellsByCreator(types: BoardTypes): Map<string, CreatorCells> {
  const state = groupedOf(types);
  if (state.stale) group(types, state);
  else if (state.dirty.size > 0) {
    for (const [id, changed] of state.dirty) regroup(types, state, id, changed);
    state.dirty.clear();
  }
  return state.byCreator;
}

function groupedOf(types: BoardTypes): Grouped {
  let state = grouped.get(types.doc);
  if (!state) {
    const created: Grouped = { stale: true, byCreator: new Map(), dirty: new Map() };
    types.cells.onChange((change) => {
      if (change === null) created.stale = true;
      else if (!created.stale) markChanged(created, change);
    });
    grouped.set(types.doc, created);
    state = created;
  }
  return state;
}

function group(types: BoardTypes, state: Grouped): void {
  const byCreator = new Map<string, CreatorCells>();
  for (const [key, entry] of types.cells.map) {
    const parsed = parseCellKey(key);
    if (!parsed) continue;
    let cells = byCreator.get(parsed.creatorId);
    if (!cells) byCreator.set(parsed.creatorId, (cells = emptyCells()));
    addCell(cells, parsed, entry);
  }
  state.byCreator = byCreator;
  state.dirty.clear();
  state.stale = false;
}

function markChanged(state: Grouped, changedKeys: ReadonlySet<string>): void {
  for (const key of changedKeys) {
    const parsed = parseCellKey(key);
    if (!parsed) continue;
    let keys = state.dirty.get(parsed.creatorId);
    if (!keys) state.dirty.set(parsed.creatorId, (keys = new Set()));
    keys.add(key);
  }
}

/**
 * Re-reads one creator whose cells changed. Its keys are those of the items it was read from plus
 * the changed ones, so no key index per creator is kept (a Set per creator on a 20,000-creator
 * board).
 */
function regroup(types: BoardTypes, state: Grouped, creatorId: string, changed: ReadonlySet<string>): void {
  const keys = new Set(changed);
  for (const raw of state.byCreator.get(creatorId)?.entries ?? []) {
    const previous = keyOf(raw);
    if (previous !== null) keys.add(previous);
  }
  const cells = readCells(types, keys);
  if (cells.entries.length === 0) state.byCreator.delete(creatorId);
  else state.byCreator.set(creatorId, cells);
}

function readCells(types: BoardTypes, keys: Iterable<string>): CreatorCells {
  const cells = emptyCells();
  const index = types.cells.map;
  for (const key of keys) {
    const entry = index.get(key);
    const parsed = entry && parseCellKey(key);
    if (parsed) addCell(cells, parsed, entry);
  }
  return cells;
}

/** One creator's cells (empty when it has none). */
export function cellsOf(types: BoardTypes, creatorId: string): CreatorCells {
  const state = groupedOf(types);
  // Grouped already: only this creator needs to be up to date.
  const changed = state.stale ? undefined : state.dirty.get(creatorId);
  if (changed) {
    regroup(types, state, creatorId, changed);
    state.dirty.delete(creatorId);
  }
  return (state.stale ? cellsByCreator(types) : state.byCreator).get(creatorId) ?? emptyCells();
}

/** The not-yet-migrated (schema 1/2) profile value of a creator, or null. */
export function legacyProfile(types: BoardTypes, creatorId: string): Profile | null {
  const entry = types.profiles.map.get(creatorId);
  return entry ? profileOfEntry(entry) : null;
}

/**
 * Whether a creator exists on the board (removed ones included): it has a name cell (whatever a
 * foreign client put in it: readers repair the value), or a schema-2 profile.
 */
export function creatorExists(types: BoardTypes, creatorId: string): boolean {
  return types.cells.has(fieldKey(creatorId, 'name')) || legacyProfile(types, creatorId) !== null;
}

/** A creator's profile as readBoard reads it, or null when it does not exist. */
export function readCreatorProfile(types: BoardTypes, creatorId: string): Profile | null {
  if (!creatorExists(types, creatorId)) return null;
  return profileFromCells(cellsOf(types, creatorId), legacyProfile(types, creatorId));
}

/** Applies cell writes (inside a transaction). */
export function writeCells(types: BoardTypes, writes: CellWrites): void {
  if (writes.remove.size) types.cells.deleteMany(writes.remove);
  if (writes.set.size) types.cells.setMany(writes.set);
}

/** A creator's name as stored (for the activity history), without reading the whole profile. */
export function creatorName(types: BoardTypes, creatorId: string): string {
  const name = getCell(types, creatorId, 'name');
  return typeof name === 'string' ? name : (legacyProfile(types, creatorId)?.name ?? '');
}
