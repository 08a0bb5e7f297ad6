import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addCreators,
  assignCreators,
  chosenColumns,
  creatorTotals,
  CREATOR_COLUMNS,
  DEFAULT_AQS_BANDS,
  DEFAULT_COLUMNS,
  readBoard,
  runOperation,
  setFee,
  setStatus,
  sortCreators,
  type ColumnContext,
  type Creator,
  type NewCreator,
} from '../../index.ts';
import { context } from '../testing.ts';

function board(profiles: NewCreator[]) {
  const doc = new Y.Doc();
  const result = runOperation(doc, addCreators, { creators: profiles }, context());
  if (!result.ok) throw new Error(result.error.message);
  return { doc, ids: result.ids, creators: () => readBoard(doc).creators };
}

const ctxOf = (doc: Y.Doc, members: Record<string, string> = {}): ColumnContext => ({
  bands: DEFAULT_AQS_BANDS,
  statuses: readBoard(doc).statuses,
  memberName: (id) => (id ? (members[id] ?? 'Former member') : null),
});
const names = (creators: Creator[]) => creators.map((c) => c.name);

describe('table columns', () => {
  it('has one column per status group, each with a unique id', () => {
    const ids = CREATOR_COLUMNS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['status.influencer', 'status.contract', 'status.payment']));
  });

  it('keeps chosen columns known and unique, with the name first', () => {
    expect(chosenColumns(['fee', 'junk', 'fee', 'name', 'status.payment'])).toEqual(['name', 'fee', 'status.payment']);
    expect(DEFAULT_COLUMNS[0]).toBe('name');
  });
});

describe('sorting', () => {
  const people: NewCreator[] = [
    { name: 'mia', followers: 500 },
    { name: 'Leo' },
    { name: 'ana', followers: 9000 },
    { name: 'Bo', followers: 500 },
  ];

  it('sorts numbers both ways with missing values last, and ties in board order', () => {
    const { doc, creators } = board(people);
    const ctx = ctxOf(doc);
    expect(names(sortCreators(creators(), { column: 'followers', direction: 'asc' }, ctx))).toEqual([
      'mia',
      'Bo',
      'ana',
      'Leo',
    ]);
    expect(names(sortCreators(creators(), { column: 'followers', direction: 'desc' }, ctx))).toEqual([
      'ana',
      'mia',
      'Bo',
      'Leo',
    ]);
  });

  it('sorts names without regard to case', () => {
    const { doc, creators } = board(people);
    expect(names(sortCreators(creators(), { column: 'name', direction: 'asc' }, ctxOf(doc)))).toEqual([
      'ana',
      'Bo',
      'Leo',
      'mia',
    ]);
  });

  it('sorts a status column by the order of the statuses in its group', () => {
    const { doc, ids, creators } = board(people);
    runOperation(
      doc,
      setStatus,
      { creatorIds: [ids[0]!], group: 'payment', statusId: 'payment.paid-fully' },
      context(),
    );
    runOperation(
      doc,
      setStatus,
      { creatorIds: [ids[1]!], group: 'payment', statusId: 'payment.50pct-paid' },
      context(),
    );
    expect(names(sortCreators(creators(), { column: 'status.payment', direction: 'desc' }, ctxOf(doc)))).toEqual([
      'mia',
      'Leo',
      'ana',
      'Bo',
    ]);
  });

  it('sorts assignees by name', () => {
    const { doc, ids, creators } = board(people);
    runOperation(doc, assignCreators, { creatorIds: [ids[0]!], assignee: 'u-z' }, context());
    runOperation(doc, assignCreators, { creatorIds: [ids[3]!], assignee: 'u-a' }, context());
    const ctx = ctxOf(doc, { 'u-z': 'Adam', 'u-a': 'Zoe' });
    expect(names(sortCreators(creators(), { column: 'assignee', direction: 'asc' }, ctx))).toEqual([
      'mia',
      'Bo',
      'Leo',
      'ana',
    ]);
  });

  it('sorts fees by currency, then amount', () => {
    const { doc, ids, creators } = board(people);
    const fees = [
      [ids[0]!, 900, 'EUR'],
      [ids[1]!, 100000, 'JPY'],
      [ids[2]!, 4850, 'EUR'],
    ] as const;
    for (const [creatorId, amount, currency] of fees)
      runOperation(doc, setFee, { creatorId, fee: { amount, currency } }, context());
    expect(names(sortCreators(creators(), { column: 'fee', direction: 'desc' }, ctxOf(doc)))).toEqual([
      'ana',
      'mia',
      'Leo',
      'Bo',
    ]);
  });

  it('leaves the order alone for a column it does not know', () => {
    const { doc, creators } = board(people);
    expect(names(sortCreators(creators(), { column: 'nope', direction: 'asc' }, ctxOf(doc)))).toEqual(
      names(creators()),
    );
  });
});

describe('totals', () => {
  it('counts creators, sums followers and sums fees per currency without mixing currencies', () => {
    const { doc, ids, creators } = board([
      { name: 'a', followers: 1000 },
      { name: 'b', followers: 2500 },
      { name: 'c' },
    ]);
    runOperation(doc, setFee, { creatorId: ids[0]!, fee: { amount: 0.1, currency: 'EUR' } }, context());
    runOperation(doc, setFee, { creatorId: ids[1]!, fee: { amount: 0.2, currency: 'EUR' } }, context());
    runOperation(doc, setFee, { creatorId: ids[2]!, fee: { amount: 500, currency: 'USD' } }, context());
    expect(creatorTotals(creators())).toEqual({
      creators: 3,
      followers: 3500,
      fees: [
        { currency: 'EUR', amount: 0.3 },
        { currency: 'USD', amount: 500 },
      ],
    });
  });
});
