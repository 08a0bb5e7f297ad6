import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addCreators,
  boardTypes,
  countCreators,
  readBoard,
  removeCreators,
  restoreCreators,
  updateProfile,
  watchCreatorCount,
  runOperation,
} from '../../index.ts';
import { context } from '../testing.ts';

const people = (...names: string[]) => ({ creators: names.map((name) => ({ name })) });

describe('countCreators', () => {
  it('counts the creators readBoard shows, not the removed ones, through removal and restore', () => {
    const doc = new Y.Doc();
    const ctx = context();
    const added = runOperation(doc, addCreators, people('Mia', 'Noah', 'Lea'), ctx);
    if (!added.ok) throw new Error(added.error.message);
    expect(countCreators(doc)).toBe(3);
    runOperation(doc, removeCreators, { creatorIds: [added.ids[0]!, added.ids[1]!] }, ctx);
    expect(countCreators(doc)).toBe(readBoard(doc).creators.length);
    expect(countCreators(doc)).toBe(1);
    runOperation(doc, restoreCreators, { creatorIds: [added.ids[0]!] }, ctx);
    expect(countCreators(doc)).toBe(2);
  });

  it('counts schema-2 profiles not yet migrated, and skips junk entries as readBoard does', () => {
    const doc = new Y.Doc();
    const types = boardTypes(doc);
    types.profiles.set('old1', { name: 'Old Mia' });
    types.profiles.yarray.push([null, { key: 'broken-json', val: '{"name": "Ha' }]);
    types.cells.yarray.push(['junk', 5, 'x\u0000{']);
    expect(countCreators(doc)).toBe(readBoard(doc).creators.length);
    expect(countCreators(doc)).toBe(1);
  });
});

describe('watchCreatorCount', () => {
  it('reports adds and removals, and stays quiet for edits that cannot change the count', () => {
    const doc = new Y.Doc();
    const ctx = context();
    const added = runOperation(doc, addCreators, people('Mia'), ctx);
    if (!added.ok) throw new Error(added.error.message);
    let calls = 0;
    const stop = watchCreatorCount(doc, () => calls++);
    runOperation(doc, updateProfile, { creatorId: added.ids[0]!, patch: { followers: 1200 } }, ctx);
    expect(calls).toBe(0);
    runOperation(doc, removeCreators, { creatorIds: added.ids }, ctx);
    expect(calls).toBe(1);
    runOperation(doc, addCreators, people('Noah'), ctx);
    expect(calls).toBe(2);
    stop();
    runOperation(doc, addCreators, people('Lea'), ctx);
    expect(calls).toBe(2);
  });
});
