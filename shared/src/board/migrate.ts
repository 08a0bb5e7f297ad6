import type * as Y from 'yjs';
import { boardTypes } from './boardTypes.ts';
import { isRecord } from './guards.ts';
import { encodeProfile, readProfileValue } from './profiles.ts';
import { SCHEMA_VERSION } from './schema.ts';

/**
 * Brings a board document up to SCHEMA_VERSION, in one transaction; call it when a board is
 * loaded by someone who may edit it. Returns whether the document changed.
 *
 * - 1 → 2: profiles become JSON text instead of nested objects (faster to load; see profiles.ts).
 *
 * Readers accept every older layout too, so a board is usable before (and without) migrating,
 * and two clients migrating at once write the same values.
 */
export function migrateBoard(doc: Y.Doc, origin?: unknown): boolean {
  const types = boardTypes(doc);
  const version = types.meta.get('schemaVersion');
  if (typeof version === 'number' && version >= SCHEMA_VERSION) return false;
  doc.transact(() => {
    const rewritten = new Map<string, unknown>();
    for (const [id, entry] of types.profiles.map) {
      if (!isRecord(entry.val)) continue;
      const profile = readProfileValue(entry.val);
      if (profile) rewritten.set(id, encodeProfile(profile));
    }
    types.profiles.setMany(rewritten);
    types.meta.set('schemaVersion', SCHEMA_VERSION);
  }, origin);
  return true;
}
