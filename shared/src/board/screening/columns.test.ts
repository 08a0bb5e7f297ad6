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

  it('sorts brand-safety risk by level, creators not assessed last', () => {
    const { doc, creators } = board([
      { name: 'High', brandSafetyRisk: 'high' },
      { name: 'Unset' },
      { name: 'None', brandSafetyRisk: 'none' },
      { name: 'Medium', brandSafetyRisk: 'medium' },
    ]);
    expect(names(sortCreators(creators(), { column: 'brandSafetyRisk', direction: 'asc' }, ctxOf(doc)))).toEqual([
      'None',
      'Medium',
      'High',
      'Unset',
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

describe('match score and cost columns', () => {
  const seeded = () => {
    const { doc, ids, creators } = board([
      { name: 'Anna', followers: 50_000, engagementRate: 2, audience: { countries: { DE: 80 } } },
      { name: 'Ben', followers: 200_000, engagementRate: 1, audience: { countries: { FR: 90, DE: 10 } } },
      { name: 'Cleo', followers: 30_000, engagementRate: 5 },
    ]);
    runOperation(doc, setFee, { creatorId: ids[0]!, fee: { amount: 1000, currency: 'EUR' } }, context());
    runOperation(doc, setFee, { creatorId: ids[1]!, fee: { amount: 2500, currency: 'EUR' } }, context());
    runOperation(doc, setFee, { creatorId: ids[2]!, fee: { amount: 300, currency: 'USD' } }, context());
    return { doc, creators: creators() };
  };
  const column = (id: string) => CREATOR_COLUMNS.find((c) => c.id === id)!;
  const target = { countries: [{ code: 'DE', share: null }], ages: null, gender: null };

  it('shows each creator’s match score against the board’s target, and “no data” without audience data', () => {
    const { doc, creators } = seeded();
    const ctx = { ...ctxOf(doc), target };
    expect(creators.map((c) => column('match').text(c, ctx))).toEqual(['80', '10', 'no data']);
    expect(names(sortCreators(creators, { column: 'match', direction: 'desc' }, ctx))).toEqual(['Anna', 'Ben', 'Cleo']);
  });

  it('leaves the match column empty when the board has no target', () => {
    const { doc, creators } = seeded();
    expect(creators.map((c) => column('match').text(c, ctxOf(doc)))).toEqual(['—', '—', '—']);
  });

  it('shows cost per 1,000 followers and per expected engagement in the fee’s currency', () => {
    const { doc, creators } = seeded();
    expect(creators.map((c) => column('costPerThousandFollowers').text(c, ctxOf(doc)))).toEqual([
      '20.00 EUR',
      '12.50 EUR',
      '10.00 USD',
    ]);
    expect(creators.map((c) => column('costPerEngagement').text(c, ctxOf(doc)))).toEqual([
      '1.00 EUR',
      '1.25 EUR',
      '0.20 USD',
    ]);
  });

  it('sorts cost figures within a currency, the most used currency first, never comparing across currencies', () => {
    const { doc, creators } = seeded();
    const sorted = sortCreators(creators, { column: 'costPerThousandFollowers', direction: 'asc' }, ctxOf(doc));
    expect(names(sorted)).toEqual(['Ben', 'Anna', 'Cleo']);
  });
});
