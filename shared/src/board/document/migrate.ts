import type * as Y from 'yjs';
import { cellsByCreator, writeCells } from '../creators/creatorCells.ts';
import { emptyCells } from '../creators/creatorFields.ts';
import { migrationWrites } from '../creators/migrateCreator.ts';
import { emptyWrites } from '../creators/profileWrites.ts';
import { boardTypes } from './boardTypes.ts';

/** Version of the board document layout; `migrateBoard` brings older documents up to it. */
export const SCHEMA_VERSION = 3;

/**
 * Brings a board document up to SCHEMA_VERSION, in one transaction; call it when a board is
 * loaded by someone who may edit it. Returns whether the document changed.
 *
 * - 1 → 2: profiles became JSON text instead of nested objects.
 * - 2 → 3: every profile field, and every member of a list or set (handles, tags, categories,
 *   audience shares, follower history), becomes its own cell (creatorFields.ts), so two people
 *   editing one creator never overwrite each other; the `profiles` entries are deleted.
 *
 * Readers accept every older layout too, so a board is usable before (and without) migrating,
 * and two clients migrating at once write the same values.
 */
export function migrateBoard(doc: Y.Doc, origin?: unknown): boolean {
  const types = boardTypes(doc);
  const version = types.meta.get('schemaVersion');
  if (typeof version === 'number' && version >= SCHEMA_VERSION) return false;
  // Every creator's writes are gathered first and applied at once: one pass over the array.
  const cells = cellsByCreator(types);
  const writes = emptyWrites();
  for (const id of new Set([...types.profiles.map.keys(), ...cells.keys()])) {
    const own = migrationWrites(types, id, cells.get(id) ?? emptyCells());
    own?.set.forEach((value, key) => writes.set.set(key, value));
    own?.remove.forEach((key) => writes.remove.add(key));
  }
  doc.transact(() => {
    writeCells(types, writes);
    types.profiles.deleteMany(new Set(types.profiles.map.keys()));
    types.meta.set('schemaVersion', SCHEMA_VERSION);
  }, origin);
  return true;
}
