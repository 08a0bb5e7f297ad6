import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { boardMeta, migrateBoard, SCHEMA_VERSION } from '../../index.ts';

describe('schema version', () => {
  it('stores the schema version on the first migration and writes nothing on the second', () => {
    const doc = new Y.Doc();
    expect(migrateBoard(doc)).toBe(true);
    // The stored value, not readBoard's: readBoard reads a board without one as the current version.
    expect(boardMeta(doc).get('schemaVersion')).toBe(SCHEMA_VERSION);
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    expect(migrateBoard(doc)).toBe(false);
    expect(updates).toHaveLength(0);
  });
});
