import { describe, expect, it } from 'vitest';
import { addCreators, boardTypes, runOperation, setStatus, updateProfile } from '../../index.ts';
import { context, newDoc, sync } from '../testing.ts';
import { cellsByCreator, cellsOf } from './creatorCells.ts';

/** Ann's board with two creators, synced to Ben's copy, whose cells are grouped already. */
function twoCopies() {
  const ann = newDoc(1);
  const ben = newDoc(2);
  const added = runOperation(ann, addCreators, { creators: [{ name: 'Mia' }, { name: 'Noah' }] }, context('Ann'));
  if (!added.ok) throw new Error(added.error.message);
  sync(ann, ben);
  cellsByCreator(boardTypes(ben));
  return { ann, ben, ids: added.ids as [string, string] };
}

describe('grouped creator cells', () => {
  it('reads one creator a teammate changed as it is now, when asked for that creator alone', () => {
    const { ann, ben, ids } = twoCopies();
    runOperation(ann, updateProfile, { creatorId: ids[0], patch: { email: 'mia@example.com' } }, context('Ann'));
    sync(ann, ben);
    expect(cellsOf(boardTypes(ben), ids[0]).values.email).toBe('mia@example.com');
  });

  it('reads every creator changed since the last read when the whole grouping is asked for', () => {
    const { ann, ben, ids } = twoCopies();
    runOperation(ann, updateProfile, { creatorId: ids[0], patch: { name: 'Mia Hart' } }, context('Ann'));
    runOperation(
      ann,
      setStatus,
      { creatorIds: [ids[1]], group: 'influencer', statusId: 'influencer.contacted' },
      context('Ann'),
    );
    sync(ann, ben);
    // One creator read alone first: the other must still be re-read by the whole grouping.
    expect(cellsOf(boardTypes(ben), ids[0]).values.name).toBe('Mia Hart');
    const grouped = cellsByCreator(boardTypes(ben));
    expect(grouped.get(ids[0])?.values.name).toBe('Mia Hart');
    expect(grouped.get(ids[1])?.values.influencer).toBe('influencer.contacted');
  });

  it('keeps the object of a creator nobody changed', () => {
    const { ann, ben, ids } = twoCopies();
    const before = cellsByCreator(boardTypes(ben)).get(ids[1]);
    runOperation(ann, updateProfile, { creatorId: ids[0], patch: { email: 'mia@example.com' } }, context('Ann'));
    sync(ann, ben);
    expect(cellsByCreator(boardTypes(ben)).get(ids[1])).toBe(before);
  });
});
