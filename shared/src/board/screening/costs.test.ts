import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  boardMeta,
  budgetSummary,
  committedStatusIds,
  costPerEngagement,
  costPerThousandFollowers,
  DEFAULT_STATUSES,
  readBudget,
  runOperation,
  setBudget,
  type CostedCreator,
  type Status,
} from '../../index.ts';
import { context } from '../testing.ts';

const influencer: Status[] = DEFAULT_STATUSES.filter((status) => status.group === 'influencer');

function creator(
  status: string,
  fee: [number, string] | null,
  followers?: number,
  engagementRate?: number,
): CostedCreator {
  return {
    fee: fee ? { amount: fee[0], currency: fee[1] } : null,
    followers,
    engagementRate,
    statuses: { influencer: `influencer.${status}`, contract: 'contract.no-contract', payment: 'payment.not-paid' },
  };
}

describe('committed statuses', () => {
  it('are the influencer statuses after Negotiating', () => {
    expect([...committedStatusIds(influencer)]).toEqual([
      'influencer.brief-sent',
      'influencer.waiting-for-draft',
      'influencer.draft-approved',
      'influencer.content-posted',
    ]);
  });

  it('stay the statuses after Negotiating when Negotiating is archived', () => {
    const statuses = influencer.map((s) => (s.id === 'influencer.negotiating' ? { ...s, archived: true } : s));
    expect(committedStatusIds(statuses).has('influencer.brief-sent')).toBe(true);
    expect(committedStatusIds(statuses).has('influencer.contacted')).toBe(false);
  });

  it('include a custom status placed after Negotiating', () => {
    const custom: Status = { ...influencer[0]!, id: 'influencer.custom-x', rank: 'a7V', builtIn: false };
    const statuses = [...influencer, custom].sort((a, b) => (a.rank < b.rank ? -1 : 1));
    expect(committedStatusIds(statuses).has('influencer.custom-x')).toBe(true);
  });
});

describe('cost per creator', () => {
  it('is the fee per 1,000 followers', () => {
    expect(costPerThousandFollowers(creator('prospect', [500, 'EUR'], 100_000))).toEqual({
      amount: 5,
      currency: 'EUR',
    });
  });

  it('is the fee per expected engagement: fee / (followers × engagement rate)', () => {
    // 100,000 × 2.5 % = 2,500 engagements; €500 / 2,500 = €0.20
    expect(costPerEngagement(creator('prospect', [500, 'EUR'], 100_000, 2.5))).toEqual({
      amount: 0.2,
      currency: 'EUR',
    });
  });

  it('is unknown without a fee, followers or engagement rate', () => {
    expect(costPerThousandFollowers(creator('prospect', null, 100_000))).toBeNull();
    expect(costPerThousandFollowers(creator('prospect', [500, 'EUR'], 0))).toBeNull();
    expect(costPerEngagement(creator('prospect', [500, 'EUR'], 100_000))).toBeNull();
    expect(costPerEngagement(creator('prospect', [500, 'EUR'], 100_000, 0))).toBeNull();
  });
});

describe('budget summary', () => {
  const creators = [
    creator('prospect', [9_000, 'EUR'], 1_000_000, 1),
    creator('negotiating', [4_000, 'EUR'], 300_000, 2),
    creator('brief-sent', [1_000, 'EUR'], 100_000, 2),
    creator('content-posted', [3_000, 'EUR'], 200_000, 1),
    creator('draft-approved', [50_000, 'JPY'], 80_000, 3),
    creator('waiting-for-draft', null, 20_000),
  ];

  it('commits the fees of creators past Negotiating and subtracts them from the budget', () => {
    const summary = budgetSummary(creators, influencer, { amount: 10_000, currency: 'EUR' });
    expect(summary.committed).toEqual({
      count: 4,
      amount: 4_000,
      other: [{ amount: 50_000, currency: 'JPY' }],
      unpriced: 1,
    });
    expect(summary.remaining).toBe(6_000);
    expect(summary.budget).toBe(10_000);
  });

  it('goes negative when committed spend is over budget', () => {
    expect(budgetSummary(creators, influencer, { amount: 3_000, currency: 'EUR' }).remaining).toBe(-1_000);
  });

  it('keeps fees in other currencies apart instead of converting them', () => {
    const summary = budgetSummary(creators, influencer, { amount: 100_000, currency: 'JPY' });
    expect(summary.committed.amount).toBe(50_000);
    expect(summary.committed.other).toEqual([{ amount: 4_000, currency: 'EUR' }]);
  });

  it('estimates reach as the followers of committed creators', () => {
    expect(budgetSummary(creators, influencer, null).reach).toBe(100_000 + 200_000 + 80_000 + 20_000);
  });

  it('works out committed cost per 1,000 followers and per expected engagement in the budget currency', () => {
    const summary = budgetSummary(creators, influencer, { amount: 10_000, currency: 'EUR' });
    // €4,000 over 300,000 followers; engagements 100,000 × 2 % + 200,000 × 1 % = 4,000
    expect(summary.costPerThousandFollowers).toBeCloseTo(13.333, 3);
    expect(summary.costPerEngagement).toBe(1);
  });

  it('sums fees by influencer status, in board order', () => {
    const summary = budgetSummary(creators, influencer, null);
    expect(summary.byStatus.map((s) => [s.statusId, s.count, s.amount])).toEqual([
      ['influencer.prospect', 1, 9_000],
      ['influencer.negotiating', 1, 4_000],
      ['influencer.brief-sent', 1, 1_000],
      ['influencer.waiting-for-draft', 1, 0],
      ['influencer.draft-approved', 1, 0],
      ['influencer.content-posted', 1, 3_000],
    ]);
  });

  it('uses the most used fee currency when the board has no budget', () => {
    const summary = budgetSummary(creators, influencer, null);
    expect(summary.currency).toBe('EUR');
    expect(summary.remaining).toBeNull();
  });

  it('has no cost figures when nothing is committed', () => {
    const summary = budgetSummary([creators[0]!], influencer, null);
    expect(summary.committed.count).toBe(0);
    expect(summary.costPerThousandFollowers).toBeNull();
    expect(summary.costPerEngagement).toBeNull();
  });
});

describe('board budget', () => {
  it('is stored in the board meta, read back and cleared', () => {
    const doc = new Y.Doc();
    expect(readBudget(doc)).toBeNull();
    expect(runOperation(doc, setBudget, { budget: { amount: 25_000, currency: 'EUR' } }, context())).toEqual({
      ok: true,
    });
    expect(readBudget(doc)).toEqual({ amount: 25_000, currency: 'EUR' });
    runOperation(doc, setBudget, { budget: null }, context());
    expect(boardMeta(doc).has('budget')).toBe(false);
  });

  it('refuses a negative amount and a currency that is not a code, naming the field', () => {
    const negative = runOperation(new Y.Doc(), setBudget, { budget: { amount: -1, currency: 'EUR' } }, context());
    expect(negative.ok ? null : negative.error.field).toBe('budget.amount');
    const currency = runOperation(new Y.Doc(), setBudget, { budget: { amount: 1, currency: 'euro' } }, context());
    expect(currency.ok ? null : currency.error).toEqual({
      code: 'invalid_input',
      message: 'Currency must be a 3-letter currency code like EUR.',
      field: 'budget.currency',
    });
  });

  it('reads junk written by a foreign client as no budget', () => {
    const doc = new Y.Doc();
    boardMeta(doc).set('budget', { amount: 'lots' });
    expect(readBudget(doc)).toBeNull();
  });
});
