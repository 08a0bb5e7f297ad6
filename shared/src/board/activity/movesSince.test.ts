import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addCreators,
  historyCovers,
  movesSince,
  readActivity,
  runOperation,
  setStatus,
  statusChanges,
  type OperationContext,
  type StatusGroup,
} from '../../index.ts';

const T0 = Date.UTC(2026, 11, 2, 9);
const MINUTE = 60_000;

/** A board with creators A, B and C, and a way to move them as someone at a given minute. */
function board() {
  const doc = new Y.Doc();
  const activity = new Y.Doc();
  let counter = 0;
  const ctx = (name: string, minute: number): OperationContext => ({
    actor: { id: `user-${name.toLowerCase()}`, name },
    now: T0 + minute * MINUTE,
    newId: () => `id${(counter++).toString(36).padStart(4, '0')}`,
    activity,
  });
  const added = runOperation(
    doc,
    addCreators,
    { creators: [{ name: 'A' }, { name: 'B' }, { name: 'C' }] },
    ctx('Ann', 0),
  );
  if (!added.ok) throw new Error(added.error.message);
  const [a, b, c] = added.ids as [string, string, string];
  const move = (
    who: string,
    minute: number,
    creatorId: string,
    statusId: string,
    group: StatusGroup = 'influencer',
  ) => {
    const result = runOperation(doc, setStatus, { creatorIds: [creatorId], group, statusId }, ctx(who, minute));
    if (!result.ok) throw new Error(result.error.message);
  };
  return { ids: { a, b, c }, move, entries: () => readActivity(activity) };
}

describe('moves since a time', () => {
  it('shows exactly the moves made after the chosen time', () => {
    const { ids, move, entries } = board();
    move('Ann', 10, ids.a, 'influencer.contacted');
    move('Ann', 20, ids.b, 'influencer.contacted');
    move('Bea', 30, ids.c, 'influencer.negotiating');
    const moves = movesSince(entries(), T0 + 20 * MINUTE);
    expect(moves.map((m) => [m.creatorName, m.from, m.to, m.movedBy])).toEqual([
      ['C', 'influencer.prospect', 'influencer.negotiating', ['Bea']],
    ]);
  });

  it('collapses several moves of one creator to the first from and the last to', () => {
    const { ids, move, entries } = board();
    move('Ann', 10, ids.a, 'influencer.contacted');
    move('Bea', 11, ids.a, 'influencer.negotiating');
    move('Ann', 12, ids.a, 'influencer.shortlisted');
    const [only, ...rest] = movesSince(entries(), T0);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({
      creatorId: ids.a,
      from: 'influencer.prospect',
      to: 'influencer.shortlisted',
      movedBy: ['Ann', 'Bea'],
      at: T0 + 12 * MINUTE,
    });
  });

  it('does not count a creator moved back to where it was', () => {
    const { ids, move, entries } = board();
    move('Ann', 10, ids.a, 'influencer.contacted');
    move('Ann', 11, ids.a, 'influencer.prospect');
    expect(movesSince(entries(), T0)).toEqual([]);
  });

  it('starts from where the creator was at the chosen time, not from its first status', () => {
    const { ids, move, entries } = board();
    move('Ann', 10, ids.a, 'influencer.contacted');
    move('Ann', 30, ids.a, 'influencer.negotiating');
    expect(movesSince(entries(), T0 + 20 * MINUTE)).toMatchObject([
      { from: 'influencer.contacted', to: 'influencer.negotiating' },
    ]);
  });

  it('keeps the moves of each status group apart', () => {
    const { ids, move, entries } = board();
    move('Ann', 10, ids.a, 'influencer.contacted');
    move('Ann', 11, ids.a, 'contract.contract-sent', 'contract');
    expect(movesSince(entries(), T0).map((m) => [m.group, m.to])).toEqual([
      ['contract', 'contract.contract-sent'],
      ['influencer', 'influencer.contacted'],
    ]);
  });

  it('ignores additions, field edits and entries a foreign client wrote wrong', () => {
    const entries = [
      { id: '1', at: T0 + 1, actorId: 'u', actorName: 'X', creatorId: 'c', creatorName: 'C', kind: 'added' as const },
      { id: '2', at: T0 + 2, actorId: 'u', actorName: 'X', creatorId: 'c', creatorName: 'C', kind: 'status' as const },
      {
        id: '3',
        at: T0 + 3,
        actorId: 'u',
        actorName: 'X',
        creatorId: 'c',
        creatorName: 'C',
        kind: 'field' as const,
        field: 'followers',
        from: '1',
        to: '2',
      },
    ];
    expect(movesSince(entries, T0)).toEqual([]);
  });
});

describe('changes per status', () => {
  it('counts the creators that came into and left each status, most arrivals first', () => {
    const { ids, move, entries } = board();
    move('Ann', 10, ids.a, 'influencer.negotiating');
    move('Ann', 11, ids.b, 'influencer.negotiating');
    move('Ann', 12, ids.c, 'influencer.contacted');
    expect(statusChanges(movesSince(entries(), T0))).toEqual([
      { group: 'influencer', statusId: 'influencer.negotiating', arrived: 2, left: 0 },
      { group: 'influencer', statusId: 'influencer.contacted', arrived: 1, left: 0 },
      { group: 'influencer', statusId: 'influencer.prospect', arrived: 0, left: 3 },
    ]);
  });
});

describe('whether the history reaches back far enough', () => {
  it('says a full history that starts after the chosen time may miss moves', () => {
    const { ids, move, entries } = board();
    move('Ann', 10, ids.a, 'influencer.contacted');
    const all = entries();
    expect(historyCovers(all, T0 - MINUTE, 100)).toBe(true);
    expect(historyCovers(all, T0 - MINUTE, all.length)).toBe(false);
    expect(historyCovers(all, T0 + MINUTE, all.length)).toBe(true);
  });
});
