import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { boardMeta, MAX_STANDUPS, readStandups, recordStandup, runOperation } from '../../index.ts';
import { context } from '../testing.ts';

describe('standups recorded on the board', () => {
  it('records when a standup starts and who started it, newest first', () => {
    const doc = new Y.Doc();
    runOperation(doc, recordStandup, {}, { ...context('Ann'), now: Date.UTC(2026, 11, 1, 9, 30) });
    runOperation(doc, recordStandup, {}, { ...context('Bea'), now: Date.UTC(2026, 11, 2, 9, 30) });
    expect(readStandups(doc)).toEqual([
      { at: Date.UTC(2026, 11, 2, 9, 30), byId: 'user-bea', byName: 'Bea' },
      { at: Date.UTC(2026, 11, 1, 9, 30), byId: 'user-ann', byName: 'Ann' },
    ]);
  });

  it('keeps only the latest standups', () => {
    const doc = new Y.Doc();
    const ctx = context('Ann');
    const starts: number[] = [];
    for (let i = 0; i < MAX_STANDUPS + 5; i++) {
      runOperation(doc, recordStandup, {}, ctx);
      starts.push(readStandups(doc)[0]!.at);
    }
    expect(readStandups(doc).map((s) => s.at)).toEqual(starts.slice(-MAX_STANDUPS).reverse());
  });

  it('skips standups a foreign client wrote wrong', () => {
    const doc = new Y.Doc();
    boardMeta(doc).set('standups', [{ at: 5, byId: 'u', byName: 'Ann' }, { at: 'yesterday' }, null, 'x']);
    expect(readStandups(doc)).toEqual([{ at: 5, byId: 'u', byName: 'Ann' }]);
    boardMeta(doc).set('standups', 'not a list');
    expect(readStandups(doc)).toEqual([]);
  });
});
