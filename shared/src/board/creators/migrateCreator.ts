import type { BoardTypes } from '../document/boardTypes.ts';
import { cellsOf, legacyProfile, writeCells } from './creatorCells.ts';
import { profileFromCells, readSet, type CreatorCells } from './creatorFields.ts';
import { emptyWrites, newProfileWrites, writeSet, type CellWrites } from './profileWrites.ts';

/**
 * Moves one creator from a schema-1/2 profile value into cells (inside a transaction), so an
 * edit never mixes the two. migrateBoard does this for every creator at once.
 */
export function migrateCreator(types: BoardTypes, creatorId: string): void {
  const writes = migrationWrites(types, creatorId, cellsOf(types, creatorId));
  if (!writes) return;
  writeCells(types, writes);
  types.profiles.deleteMany(new Set([creatorId]));
}

/** The cell writes that move a schema-1/2 creator into cells, or null when it has nothing to move. */
export function migrationWrites(types: BoardTypes, creatorId: string, cells: CreatorCells): CellWrites | null {
  const legacy = legacyProfile(types, creatorId);
  const hasLegacyTags = types.cells.has(`${creatorId}:tags`);
  if (!legacy && !hasLegacyTags) return null;
  const writes = emptyWrites();
  if (legacy) {
    newProfileWrites(creatorId, profileFromCells(cells, legacy)).set.forEach((value, key) => {
      if (!types.cells.has(key)) writes.set.set(key, value);
    });
  }
  if (hasLegacyTags) {
    writes.remove.add(`${creatorId}:tags`);
    if (!cells.members.tags?.size) writeSet(writes, creatorId, cells, 'tags', [], legacyTags(types, creatorId));
  }
  return writes;
}

/** A creator's tags, from its tag cells or, not yet migrated, from schema 2's one list. */
export function readTags(types: BoardTypes, creatorId: string): string[] {
  const cells = cellsOf(types, creatorId);
  if (cells.members.tags?.size) return readSet(cells, 'tags', 40) ?? [];
  return legacyTags(types, creatorId);
}

/** Schema 2 kept a creator's tags as one list in `<creatorId>:tags`. */
function legacyTags(types: BoardTypes, creatorId: string): string[] {
  const value = types.cells.get(`${creatorId}:tags`);
  return Array.isArray(value)
    ? value.filter((t): t is string => typeof t === 'string' && t.length > 0).slice(0, 30)
    : [];
}
