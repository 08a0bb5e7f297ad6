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
