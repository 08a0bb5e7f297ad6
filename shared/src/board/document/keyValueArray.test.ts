import * as Y from 'yjs';
import { describe, expect, it, vi } from 'vitest';
import { KeyValueArray } from '../../index.ts';

describe('the key-value index', () => {
  it('is not rebuilt on every change when an observer registered before it reads it first', () => {
    const doc = new Y.Doc();
    const yarray = doc.getArray<unknown>('cells');
    // Registered before the index exists (as a server extension may be): it runs first on each change.
    let index: KeyValueArray | null = null;
    const seen: unknown[] = [];
    yarray.observe(() => seen.push(index?.get('c1:name')));
    index = new KeyValueArray(yarray, 'text');
    const rebuild = vi.spyOn(index as unknown as { rebuild: () => void }, 'rebuild');
    const teammate = new Y.Doc();
    const theirs = new KeyValueArray(teammate.getArray<unknown>('cells'), 'text');
    for (let i = 1; i <= 20; i++) {
      theirs.setMany(new Map([[`c${i}:name`, `Creator ${i}`]]));
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(teammate, Y.encodeStateVector(doc)));
    }
    expect(rebuild.mock.calls.length).toBeLessThanOrEqual(1);
    expect(index.get('c20:name')).toBe('Creator 20');
    expect(seen.at(-1)).toBe('Creator 1');
  });
});

/** Every stored item of the array as `key=value`, in order (what a reader scanning it would see). */
function storedEntries(yarray: Y.Array<unknown>): string[] {
  return yarray.toArray().map((raw) => String(raw).replace('\u0000', '='));
}

describe('rewriting a key', () => {
  it('deletes exactly the old entry of that key when others were written in the same push', () => {
    const doc = new Y.Doc();
    const cells = new KeyValueArray(doc.getArray<unknown>('cells'), 'text');
    cells.setMany(
      new Map([
        ['a', 1],
        ['b', 2],
        ['c', 3],
      ]),
    );
    cells.set('b', 20);
    expect(storedEntries(cells.yarray)).toEqual(['a=1', 'c=3', 'b=20']);
  });

  it('finds the old entry written by a teammate and delivered as an update', () => {
    const doc = new Y.Doc();
    const teammate = new Y.Doc();
    const theirs = new KeyValueArray(teammate.getArray<unknown>('cells'), 'text');
    theirs.setMany(
      new Map([
        ['a', 1],
        ['b', 2],
        ['c', 3],
      ]),
    );
    const cells = new KeyValueArray(doc.getArray<unknown>('cells'), 'text');
    cells.set('x', 0);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(teammate));
    cells.set('c', 30);
    cells.set('a', 10);
    expect(storedEntries(cells.yarray).sort()).toEqual(['a=10', 'b=2', 'c=30', 'x=0']);
  });

  it('leaves one entry when a teammate deleted the old one concurrently', () => {
    const doc = new Y.Doc();
    const cells = new KeyValueArray(doc.getArray<unknown>('cells'), 'text');
    cells.setMany(
      new Map([
        ['a', 1],
        ['b', 2],
      ]),
    );
    const teammate = new Y.Doc();
    Y.applyUpdate(teammate, Y.encodeStateAsUpdate(doc));
    const theirs = new KeyValueArray(teammate.getArray<unknown>('cells'), 'text');
    theirs.set('a', 100);
    cells.set('a', 10);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(teammate, Y.encodeStateVector(doc)));
    Y.applyUpdate(teammate, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(teammate)));
    // Both wrote `a` at once: two entries until the next write, which removes the stale one.
    cells.set('a', 7);
    Y.applyUpdate(teammate, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(teammate)));
    expect(storedEntries(cells.yarray).sort()).toEqual(['a=7', 'b=2']);
    expect(storedEntries(teammate.getArray<unknown>('cells')).sort()).toEqual(['a=7', 'b=2']);
  });

  it('deletes the right entry after an undo brought an older one back', () => {
    const doc = new Y.Doc();
    const cells = new KeyValueArray(doc.getArray<unknown>('cells'), 'text');
    cells.setMany(
      new Map([
        ['a', 1],
        ['b', 2],
      ]),
    );
    const undo = new Y.UndoManager(cells.yarray);
    cells.set('a', 10);
    undo.undo();
    expect(cells.get('a')).toBe(1);
    cells.set('a', 11);
    expect(storedEntries(cells.yarray).sort()).toEqual(['a=11', 'b=2']);
  });
});

describe('the same value written to a key by two people at once', () => {
  it('still holds the other person’s entry after one of them undoes their write', () => {
    const ann = new Y.Doc();
    ann.clientID = 2;
    const bob = new Y.Doc();
    bob.clientID = 1;
    const anns = new KeyValueArray(ann.getArray<unknown>('cells'), 'text');
    const bobs = new KeyValueArray(bob.getArray<unknown>('cells'), 'text');
    anns.set('c1:rank', 'a1');
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(ann));
    const annUndo = new Y.UndoManager(anns.yarray, { trackedOrigins: new Set(['ann']) });
    // Both drop the creator at the same spot: the same rank, stored as two equal text entries.
    ann.transact(() => anns.set('c1:rank', 'Zz'), 'ann');
    bobs.set('c1:rank', 'Zz');
    Y.applyUpdate(ann, Y.encodeStateAsUpdate(bob, Y.encodeStateVector(ann)));
    expect(anns.get('c1:rank')).toBe('Zz');
    annUndo.undo();
    // Ann's entry is gone and her old one is back, left of Bob's: Bob's still wins.
    expect(storedEntries(anns.yarray)).toEqual(['c1:rank="a1"', 'c1:rank="Zz"']);
    expect(anns.get('c1:rank')).toBe('Zz');
  });
});
