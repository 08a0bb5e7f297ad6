import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addCreators,
  cellsOfSnapshot,
  diffBoards,
  readBoard,
  removeCreators,
  restoreSnapshot,
  runOperation,
  setStatus,
  tagCreators,
  updateProfile,
  type AnyOperation,
  type InputOf,
} from '../../index.ts';
import { context, newDoc, sync } from '../testing.ts';

const ctx = context();

function run<Op extends AnyOperation>(doc: Y.Doc, op: Op, input: InputOf<Op>) {
  const result = runOperation(doc, op, input, ctx) as { ok: true } & Record<string, unknown>;
  if (!result.ok) throw new Error('refused');
  return result;
}

function boardOf(names: string[]) {
  const doc = newDoc(1);
  const { ids } = run(doc, addCreators, { creators: names.map((name) => ({ name, followers: 1000 })) });
  return { doc, ids: ids as string[] };
}

const snapshotOf = (doc: Y.Doc) => {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
};

/** The restore input for some creators of a snapshot, as the server builds it. */
function restoreInput(snapshot: Y.Doc, ids: string[]) {
  const cells = cellsOfSnapshot(snapshot);
  const names = new Map(readBoard(snapshot).creators.map((c) => [c.id, c.name]));
  return { creators: ids.map((id) => ({ id, name: names.get(id) ?? '', cells: cells.get(id)! })) };
}

describe('restoreSnapshot', () => {
  it('brings removed creators back exactly as the snapshot had them', () => {
    const { doc, ids } = boardOf(['Ada', 'Ben', 'Cy']);
    run(doc, tagCreators, { creatorIds: [ids[0]!], add: ['vip'] });
    const snapshot = snapshotOf(doc);
    run(doc, removeCreators, { creatorIds: ids });
    run(doc, updateProfile, { creatorId: ids[0]!, patch: { followers: 5 } });

    run(doc, restoreSnapshot, restoreInput(snapshot, ids));

    expect(readBoard(doc).creators.map((c) => [c.name, c.followers, c.tags])).toEqual([
      ['Ada', 1000, ['vip']],
      ['Ben', 1000, []],
      ['Cy', 1000, []],
    ]);
  });

  it('deletes cells added since the snapshot (a tag added later is gone again)', () => {
    const { doc, ids } = boardOf(['Ada']);
    const snapshot = snapshotOf(doc);
    run(doc, tagCreators, { creatorIds: ids, add: ['later'] });
    expect(readBoard(doc).creators[0]!.tags).toEqual(['later']);
    run(doc, restoreSnapshot, restoreInput(snapshot, ids));
    expect(readBoard(doc).creators[0]!.tags).toEqual([]);
  });

  it('keeps a teammate’s concurrent edit of another creator', () => {
    const { doc: mine, ids } = boardOf(['Ada', 'Ben']);
    const theirs = newDoc(2);
    sync(mine, theirs);
    const snapshot = snapshotOf(mine);
    run(mine, removeCreators, { creatorIds: [ids[0]!] });
    sync(mine, theirs);

    run(mine, restoreSnapshot, restoreInput(snapshot, [ids[0]!]));
    run(theirs, setStatus, { creatorIds: [ids[1]!], group: 'influencer', statusId: 'influencer.shortlisted' });
    sync(mine, theirs);

    const board = readBoard(mine);
    expect(board.creators.map((c) => c.name)).toEqual(['Ada', 'Ben']);
    expect(board.creators[1]!.statuses.influencer).toBe('influencer.shortlisted');
    expect(readBoard(theirs)).toEqual(board);
  });

  it('writes nothing when the creators are as the snapshot has them', () => {
    const { doc, ids } = boardOf(['Ada']);
    const before = Y.encodeStateVector(doc);
    expect(run(doc, restoreSnapshot, restoreInput(snapshotOf(doc), ids))).toEqual({ ok: true, changed: 0 });
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });
});

describe('diffBoards', () => {
  it('names the creators added, removed, moved and changed since a snapshot', () => {
    const { doc, ids } = boardOf(['Ada', 'Ben', 'Cy']);
    const snapshot = readBoard(snapshotOf(doc));
    run(doc, removeCreators, { creatorIds: [ids[0]!] });
    run(doc, setStatus, { creatorIds: [ids[1]!], group: 'contract', statusId: 'contract.contract-sent' });
    run(doc, updateProfile, { creatorId: ids[2]!, patch: { followers: 2000 } });
    run(doc, addCreators, { creators: [{ name: 'Dee' }] });

    const diff = diffBoards(snapshot, readBoard(doc));

    expect(diff.added.map((c) => c.name)).toEqual(['Dee']);
    expect(diff.removed.map((c) => c.name)).toEqual(['Ada']);
    expect(diff.moved.map((m) => [m.creator.name, m.group, m.from, m.to])).toEqual([
      ['Ben', 'contract', 'contract.no-contract', 'contract.contract-sent'],
    ]);
    expect(diff.changed.map((c) => [c.creator.name, c.fields])).toEqual([['Cy', ['followers']]]);
  });
});
