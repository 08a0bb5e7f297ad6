import type * as Y from 'yjs';
import { z } from 'zod';
import { defineOperation } from '../../operations/operation.ts';
import { appendActivity } from '../activity/activity.ts';
import { boardTypes } from '../document/boardTypes.ts';
import { migrateBoard } from '../document/migrate.ts';
import { parseCellKey } from '../creators/creatorFields.ts';

/** One creator's cells as a snapshot holds them: the cell key after `<creatorId>:` → value. */
export type CreatorCellValues = Record<string, unknown>;

/**
 * Every creator's cells in a board document (a snapshot's), by creator. A snapshot of an older
 * layout is brought up to the current one first (in memory: the snapshot itself is not changed).
 */
export function cellsOfSnapshot(doc: Y.Doc): Map<string, CreatorCellValues> {
  migrateBoard(doc);
  const byCreator = new Map<string, CreatorCellValues>();
  for (const [key, entry] of boardTypes(doc).cells.map) {
    const parsed = parseCellKey(key);
    if (!parsed) continue;
    const cells = byCreator.get(parsed.creatorId) ?? {};
    cells[key.slice(parsed.creatorId.length + 1)] = entry.val;
    byCreator.set(parsed.creatorId, cells);
  }
  return byCreator;
}

const cellValues = z.record(z.string().min(1).max(400), z.unknown());

/**
 * Puts creators back as a snapshot had them: each given creator's cells become exactly the
 * snapshot's (cells added since are deleted, changed ones set back, a removed creator is back on
 * the board if it was there then). Other creators are not touched, so teammates editing them
 * meanwhile keep their edits. Run by the server (services.applyOperation), which reads the
 * snapshot; one activity entry per creator restored.
 */
export const restoreSnapshot = defineOperation({
  name: 'restoreSnapshot',
  action: 'board.edit',
  input: z.object({
    creators: z
      .array(z.object({ id: z.string().min(1).max(64), name: z.string().max(200), cells: cellValues }))
      .min(1)
      .max(20_000),
  }),
  failures: {},
  run(doc, { creators }, ctx) {
    const types = boardTypes(doc);
    const wanted = new Map(creators.map((creator) => [creator.id, creator]));
    const remove = new Set<string>();
    const set = new Map<string, unknown>();
    for (const key of types.cells.map.keys()) {
      const parsed = parseCellKey(key);
      const creator = parsed && wanted.get(parsed.creatorId);
      if (creator && !(key.slice(parsed.creatorId.length + 1) in creator.cells)) remove.add(key);
    }
    for (const creator of creators) {
      for (const [suffix, value] of Object.entries(creator.cells)) {
        const key = `${creator.id}:${suffix}`;
        if (JSON.stringify(types.cells.get(key)) !== JSON.stringify(value)) set.set(key, value);
      }
    }
    if (remove.size === 0 && set.size === 0) return { ok: true, changed: 0 };
    doc.transact(() => {
      if (remove.size) types.cells.deleteMany(remove);
      if (set.size) types.cells.setMany(set);
      appendActivity(
        creators.map((creator) => ({ creatorId: creator.id, creatorName: creator.name, kind: 'restored' as const })),
        ctx,
      );
    }, ctx.origin);
    return { ok: true, changed: creators.length };
  },
});
