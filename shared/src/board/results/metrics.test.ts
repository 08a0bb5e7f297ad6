import { describe, expect, it } from 'vitest';
import {
  boardCostFigures,
  cpe,
  cpm,
  cpv,
  creatorCostFigures,
  deliverableProgress,
  postEngagements,
  postTotals,
  spendByCurrency,
  type Post,
} from '../../index.ts';

const post = (over: Partial<Post> = {}): Post => ({
  id: 'p',
  deliverableId: null,
  url: 'https://a.b/p',
  postedAt: '2026-11-20',
  reach: null,
  views: null,
  likes: null,
  comments: null,
  shares: null,
  ...over,
});

describe('cost figures', () => {
  it('CPM is the cost per 1,000 views: €1,200 for 40,000 views is €30', () => {
    expect(cpm(1200, 40_000)).toBe(30);
  });

  it('CPE divides the cost by likes + comments + shares', () => {
    const totals = postTotals([post({ likes: 900, comments: 60, shares: 40 })]);
    expect(totals.engagements).toBe(1000);
    expect(cpe(1200, totals.engagements)).toBe(1.2);
  });

  it('cost per view is the fee over views', () => {
    expect(cpv(1200, 40_000)).toBe(0.03);
  });

  it('is null, never Infinity or 0, without views or engagements', () => {
    expect(cpm(1200, 0)).toBeNull();
    expect(cpe(1200, 0)).toBeNull();
    expect(cpv(0, 0)).toBeNull();
    expect(creatorCostFigures(null, postTotals([post({ views: 100 })]))).toEqual({ cpm: null, cpe: null, cpv: null });
  });

  it('adds up posts with unknown figures as 0', () => {
    expect(postEngagements(post({ likes: 5 }))).toBe(5);
    expect(postTotals([post({ views: 10, reach: 4 }), post({ views: null, reach: 6, shares: 2 })])).toEqual({
      posts: 2,
      reach: 10,
      views: 10,
      likes: 0,
      comments: 0,
      shares: 2,
      engagements: 2,
    });
  });

  it('board figures never add fees of different currencies and count only creators who have the divisor', () => {
    const totals = (views: number, likes: number) => postTotals([post({ views, likes })]);
    const figures = boardCostFigures([
      { fee: { amount: 1000, currency: 'EUR' }, totals: totals(50_000, 500) },
      { fee: { amount: 500, currency: 'EUR' }, totals: totals(0, 500) },
      { fee: { amount: 300, currency: 'USD' }, totals: totals(10_000, 100) },
      { fee: { amount: 9999, currency: 'EUR' }, totals: postTotals([]) },
      { fee: null, totals: totals(1_000_000, 10_000) },
    ]);
    expect(figures).toEqual([
      { currency: 'EUR', creators: 2, cost: 1500, views: 50_000, engagements: 1000, cpm: 20, cpe: 1.5, cpv: 0.02 },
      { currency: 'USD', creators: 1, cost: 300, views: 10_000, engagements: 100, cpm: 30, cpe: 3, cpv: 0.03 },
    ]);
  });
});

describe('spend vs budget', () => {
  it('sums committed fees and paid payments per currency, the budget currency first', () => {
    const rows = spendByCurrency(
      [{ amount: 1200, currency: 'EUR' }, { amount: 800, currency: 'EUR' }, { amount: 500, currency: 'USD' }, null],
      [
        { amount: 600, currency: 'EUR', paidDate: '2026-11-01' },
        { amount: 600, currency: 'EUR', paidDate: null },
        { amount: 100, currency: 'GBP', paidDate: '2026-11-02' },
      ],
      { amount: 5000, currency: 'EUR' },
    );
    expect(rows).toEqual([
      { currency: 'EUR', budget: 5000, committed: 2000, paid: 600, remaining: 3000, toPay: 1400 },
      { currency: 'USD', budget: null, committed: 500, paid: 0, remaining: null, toPay: 500 },
      { currency: 'GBP', budget: null, committed: 0, paid: 100, remaining: null, toPay: 0 },
    ]);
  });

  it('shows a budget with nothing committed, and an overspent one as negative remaining', () => {
    expect(spendByCurrency([], [], { amount: 100, currency: 'EUR' })[0]).toMatchObject({ remaining: 100 });
    expect(spendByCurrency([{ amount: 150, currency: 'EUR' }], [], { amount: 100, currency: 'EUR' })[0]).toMatchObject({
      remaining: -50,
    });
  });
});

describe('deliverables done vs due', () => {
  it('counts linked posts up to each deliverable count, late ones by due date, and unlinked posts apart', () => {
    const progress = deliverableProgress(
      [
        { creatorId: 'mia', id: 'd1', count: 2, dueDate: '2026-11-10' },
        { creatorId: 'mia', id: 'd2', count: 1, dueDate: '2026-12-10' },
        { creatorId: 'leo', id: 'd1', count: 1, dueDate: null },
      ],
      new Map([
        ['mia', [{ deliverableId: 'd1' }, { deliverableId: 'd1' }, { deliverableId: 'd1' }, { deliverableId: null }]],
        ['leo', [{ deliverableId: 'gone' }]],
      ]),
      '2026-12-01',
    );
    expect(progress).toEqual({ due: 4, done: 2, late: 0, unlinkedPosts: 2 });
    const late = deliverableProgress(
      [{ creatorId: 'mia', id: 'd1', count: 3, dueDate: '2026-11-10' }],
      new Map(),
      '2026-12-01',
    );
    expect(late).toEqual({ due: 3, done: 0, late: 3, unlinkedPosts: 0 });
  });
});
