import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addCreators,
  addPost,
  boardReport,
  boardTypes,
  removeCreators,
  reportCsvRows,
  runOperation,
  setBudget,
  setFee,
  setStatus,
} from '../../index.ts';
import { context } from '../testing.ts';

function campaign() {
  const ctx = context();
  const doc = new Y.Doc();
  const added = runOperation(
    doc,
    addCreators,
    { creators: [{ name: 'Mia' }, { name: 'Leo' }, { name: 'Ava' }, { name: '=Gone' }] },
    ctx,
  );
  const [mia, leo, ava, gone] = added.ok ? added.ids : [];
  runOperation(doc, setBudget, { budget: { amount: 10_000, currency: 'EUR' } }, ctx);
  runOperation(doc, setFee, { creatorId: mia!, fee: { amount: 1200, currency: 'EUR' } }, ctx);
  runOperation(doc, setFee, { creatorId: leo!, fee: { amount: 500, currency: 'USD' } }, ctx);
  runOperation(doc, setFee, { creatorId: ava!, fee: { amount: 900, currency: 'EUR' } }, ctx);
  runOperation(doc, setFee, { creatorId: gone!, fee: { amount: 5000, currency: 'EUR' } }, ctx);
  runOperation(
    doc,
    setStatus,
    { creatorIds: [mia!, leo!, gone!], group: 'influencer', statusId: 'influencer.brief-sent' },
    ctx,
  );
  // The deal's deliverables and the payments ledger, in the shapes of the plan (other features write them).
  const cells = boardTypes(doc).cells;
  cells.set(`${mia}:deliverables:d1`, {
    platform: 'instagram',
    format: 'Reel',
    count: 2,
    dueDate: '2026-11-25',
    briefUrl: null,
    order: 0,
  });
  cells.set(`${mia}:payments:p1`, {
    amount: 600,
    currency: 'EUR',
    dueDate: '2026-11-01',
    paidDate: '2026-11-02',
    method: null,
    reference: null,
    note: null,
    installment: 1,
    createdAt: 1,
  });
  cells.set(`${mia}:payments:p2`, {
    amount: 600,
    currency: 'EUR',
    dueDate: '2026-12-20',
    paidDate: null,
    method: null,
    reference: null,
    note: null,
    installment: 2,
    createdAt: 1,
  });
  cells.set(`${gone}:payments:p1`, {
    amount: 5000,
    currency: 'EUR',
    dueDate: null,
    paidDate: '2026-11-02',
    method: null,
    reference: null,
    note: null,
    installment: null,
    createdAt: 1,
  });
  runOperation(
    doc,
    addPost,
    {
      creatorId: mia!,
      post: {
        deliverableId: 'd1',
        url: 'https://instagram.com/p/1',
        postedAt: '2026-11-20',
        views: 40_000,
        likes: 900,
        comments: 60,
        shares: 40,
      },
    },
    ctx,
  );
  runOperation(
    doc,
    addPost,
    { creatorId: gone!, post: { url: 'https://instagram.com/p/9', postedAt: '2026-11-20', views: 1 } },
    ctx,
  );
  runOperation(doc, removeCreators, { creatorIds: [gone!] }, ctx);
  return { doc, mia: mia!, leo: leo!, ava: ava! };
}

describe('the board report', () => {
  it('shows spend per currency: committed fees, paid ledger entries and what remains of the budget', () => {
    const report = boardReport(campaign().doc, '2026-12-01');
    expect(report.spend).toEqual([
      { currency: 'EUR', budget: 10_000, committed: 1200, paid: 600, remaining: 8800, toPay: 600 },
      { currency: 'USD', budget: null, committed: 500, paid: 0, remaining: null, toPay: 500 },
    ]);
  });

  it('lists committed creators and creators with posts, with their cost figures; removed creators are left out', () => {
    const { doc, mia, leo } = campaign();
    const report = boardReport(doc, '2026-12-01');
    expect(report.creators.map((c) => c.id)).toEqual([mia, leo]);
    expect(report.creators[0]).toMatchObject({
      status: 'Content posted',
      cpm: 30,
      cpe: 1.2,
      cpv: 0.03,
      paid: [{ amount: 600, currency: 'EUR' }],
      deliverables: { done: 1, due: 2 },
    });
    expect(report.deliverables).toEqual({ due: 2, done: 1, late: 1, unlinkedPosts: 0 });
    expect(report.totals).toMatchObject({ posts: 1, views: 40_000, engagements: 1000 });
    expect(report.costs).toEqual([
      { currency: 'EUR', creators: 1, cost: 1200, views: 40_000, engagements: 1000, cpm: 30, cpe: 1.2, cpv: 0.03 },
    ]);
    expect(report.days).toEqual([{ date: '2026-11-20', posts: 1, views: 40_000, engagements: 1000 }]);
  });

  it('exports the per-creator table and the board lines as CSV rows, escaping formulas', () => {
    const { doc, mia } = campaign();
    runOperation(doc, setFee, { creatorId: mia, fee: { amount: 1200, currency: 'EUR' } }, context());
    boardTypes(doc).cells.set(`${mia}:name`, '=HYPERLINK("x")');
    const rows = reportCsvRows(boardReport(doc, '2026-12-01'));
    expect(rows[0]).toContain('CPM (per 1,000 views)');
    expect(rows[1]!.slice(0, 7)).toEqual(['\'=HYPERLINK("x")', 'Content posted', '1200', 'EUR', '1', '0', '40000']);
    expect(rows).toContainEqual(['Board', 'EUR', '10000', '1200', '600', '8800', '600']);
  });
});
