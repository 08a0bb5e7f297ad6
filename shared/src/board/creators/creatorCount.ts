import type * as Y from 'yjs';
import { keyOf, readEntry } from '../document/keyValueArray.ts';
import { profileOfEntry } from './profiles.ts';

/**
 * Creators on a board (removed ones not counted), the number `readBoard(doc).creators.length`
 * gives, for the server's boards list. It reads only the keys of the cells and the value of the
 * `removed` cells: readBoard on a fresh 20,000-creator document parses ~660,000 cells and took
 * seconds; this scan took ~350 ms on a busy machine (and runs only when the count can have
 * changed: see `writesCreatorCount`).
 */
export function countCreators(doc: Y.Doc): number {
  const named = new Set<string>();
  const removed = new Map<string, boolean>();
  // Items in array order: a later entry of a key replaces an earlier one, as KeyValueArray reads them.
  doc.getArray<unknown>('cells').forEach((raw) => {
    const cell = creatorCell(keyOf(raw));
    if (cell?.field === 'name') named.add(cell.creatorId);
    else if (cell?.field === 'removed') removed.set(cell.creatorId, readEntry(raw)?.val === true);
  });
  // Schema-2 profiles not yet migrated into cells are creators too.
  doc.getArray<unknown>('profiles').forEach((raw) => {
    const entry = readEntry(raw);
    if (entry && profileOfEntry(entry)) named.add(entry.key);
  });
  let count = 0;
  for (const id of named) if (removed.get(id) !== true) count++;
  return count;
}

/**
 * Calls `changed` after each transaction that can change `countCreators`: one that added a `name`
 * or `removed` cell, or a schema-2 profile. Deleting an entry alone never does (an entry is deleted
 * when its key is written again, and creators are removed by a `removed` cell, never deleted).
 * Returns the function that stops watching.
 */
export function watchCreatorCount(doc: Y.Doc, changed: () => void): () => void {
  const cells = doc.getArray<unknown>('cells');
  const profiles = doc.getArray<unknown>('profiles');
  const onCells = (event: Y.YArrayEvent<unknown>) => {
    for (const item of event.changes.added) {
      for (const raw of item.content.getContent()) {
        const field = creatorCell(keyOf(raw))?.field;
        if (field === 'name' || field === 'removed') return changed();
      }
    }
  };
  cells.observe(onCells);
  profiles.observe(changed);
  return () => {
    cells.unobserve(onCells);
    profiles.unobserve(changed);
  };
}

function creatorCell(key: string | null): { creatorId: string; field: string } | null {
  if (!key) return null;
  const colon = key.indexOf(':');
  if (colon < 1) return null;
  return { creatorId: key.slice(0, colon), field: key.slice(colon + 1) };
}
