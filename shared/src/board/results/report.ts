import type * as Y from 'yjs';
import type { Fee } from '../creators/creator.ts';
import { readBoard } from '../document/readBoard.ts';
import { readBudget, type Budget } from '../screening/budget.ts';
import { committedCreators } from '../screening/costs.ts';
import { escapeFormula } from '../csv/formulas.ts';
import {
  boardCostFigures,
  creatorCostFigures,
  postEngagements,
  postTotals,
  NO_TOTALS,
  addTotals,
  type CostFigures,
  type CurrencyFigures,
  type PostTotals,
} from './metrics.ts';
import { readPosts, type Post } from './posts.ts';
import { deliverableProgress, spendByCurrency, type DeliverableProgress, type SpendRow } from './spend.ts';

/** One creator's line of the report. */
export interface CreatorReport extends CostFigures {
  id: string;
  name: string;
  /** Influencer status name. */
  status: string;
  fee: Fee | null;
  /** Whether the fee counts as committed spend. */
  committed: boolean;
  totals: PostTotals;
  /** Paid amounts per currency (ledger entries marked paid). */
  paid: { amount: number; currency: string }[];
  /** Deliverables of this creator's deal: posted vs asked for. */
  deliverables: { done: number; due: number };
}

/** Views and engagements of the posts that went live on one day. */
export interface ReportDay {
  date: string;
  posts: number;
  views: number;
  engagements: number;
}

/** Everything the board report shows, as plain data (a page, a CSV, a test read it). */
export interface BoardReport {
  /** The day the report is for (`YYYY-MM-DD`), from which deliverables are late. */
  today: string;
  budget: Budget | null;
  spend: SpendRow[];
  deliverables: DeliverableProgress;
  /** All posts' figures added up. */
  totals: PostTotals;
  /** Board-wide CPM/CPE/CPV, one set per fee currency. */
  costs: CurrencyFigures[];
  /** Committed creators (past Negotiating or contract signed) and creators with posts, in board order. */
  creators: CreatorReport[];
  /** Posting days in order (the charts' timeline). */
  days: ReportDay[];
}

/**
 * The board report from a board document: spend vs budget, deliverables, results and cost
 * figures. Removed creators are left out (their fees, posts and payments alike).
 */
export function boardReport(doc: Y.Doc, today: string): BoardReport {
  const board = readBoard(doc);
  const budget = readBudget(doc);
  const onBoard = new Set(board.creators.map((c) => c.id));
  const allPosts = readPosts(doc);
  const posts = new Map([...allPosts].filter(([id]) => onBoard.has(id)));
  // The payments feature's ledger, as readBoard reads it (board/payments).
  const payments = board.creators.flatMap((c) => c.payments.ledger.map((p) => ({ ...p, creatorId: c.id })));
  const deliverables = board.creators.flatMap((c) => c.deal.deliverables.map((d) => ({ ...d, creatorId: c.id })));
  const committedIds = new Set(committedCreators(board.creators, board.statuses.influencer).map((c) => c.id));
  const statusName = new Map(board.statuses.influencer.map((s) => [s.id, s.name]));
  const progress = (creatorId: string) =>
    deliverableProgress(
      deliverables.filter((d) => d.creatorId === creatorId),
      new Map([[creatorId, posts.get(creatorId) ?? []]]),
      today,
    );

  const creators: CreatorReport[] = [];
  for (const creator of board.creators) {
    const list = posts.get(creator.id) ?? [];
    const committed = committedIds.has(creator.id);
    if (!committed && list.length === 0) continue;
    const totals = postTotals(list);
    const paid = new Map<string, number>();
    for (const p of payments)
      if (p.creatorId === creator.id && p.paidDate) paid.set(p.currency, (paid.get(p.currency) ?? 0) + p.amount);
    const { done, due } = progress(creator.id);
    creators.push({
      id: creator.id,
      name: creator.name,
      status: statusName.get(creator.statuses.influencer) ?? '',
      fee: creator.fee,
      committed,
      totals,
      paid: [...paid].map(([currency, amount]) => ({ amount, currency })),
      deliverables: { done, due },
      ...creatorCostFigures(creator.fee?.amount ?? null, totals),
    });
  }

  const byDay = new Map<string, ReportDay>();
  for (const list of posts.values())
    for (const post of list) {
      let day = byDay.get(post.postedAt);
      if (!day) byDay.set(post.postedAt, (day = { date: post.postedAt, posts: 0, views: 0, engagements: 0 }));
      day.posts++;
      day.views += post.views ?? 0;
      day.engagements += postEngagements(post);
    }

  return {
    today,
    budget,
    spend: spendByCurrency(
      board.creators.filter((c) => committedIds.has(c.id)).map((c) => c.fee),
      payments,
      budget,
    ),
    deliverables: deliverableProgress(deliverables, posts, today),
    totals: [...posts.values()].reduce((sum, list: Post[]) => addTotals(sum, postTotals(list)), NO_TOTALS),
    costs: boardCostFigures(creators),
    creators,
    days: [...byDay.values()].sort((a, b) => (a.date < b.date ? -1 : 1)),
  };
}

const money = (amount: number | null) => (amount === null ? '' : String(Math.round(amount * 100) / 100));
const figure = (value: number | null, digits: number) =>
  value === null ? '' : String(Math.round(value * 10 ** digits) / 10 ** digits);

/**
 * The report as CSV rows: the per-creator table, then the board's lines (spend per currency,
 * board cost figures). Amounts are plain numbers with their currency in a column of their own,
 * so a spreadsheet can sum them — per currency. Cells are escaped against formulas.
 */
export function reportCsvRows(report: BoardReport): string[][] {
  const rows: string[][] = [
    [
      'Creator',
      'Influencer status',
      'Fee',
      'Currency',
      'Posts',
      'Reach',
      'Views',
      'Likes',
      'Comments',
      'Shares',
      'Engagements',
      'CPM (per 1,000 views)',
      'CPE',
      'Cost per view',
      'Paid',
      'Deliverables done',
      'Deliverables due',
    ],
  ];
  for (const c of report.creators) {
    const paidInFee = c.fee ? (c.paid.find((p) => p.currency === c.fee!.currency)?.amount ?? 0) : null;
    rows.push([
      c.name,
      c.status,
      money(c.fee?.amount ?? null),
      c.fee?.currency ?? '',
      String(c.totals.posts),
      String(c.totals.reach),
      String(c.totals.views),
      String(c.totals.likes),
      String(c.totals.comments),
      String(c.totals.shares),
      String(c.totals.engagements),
      figure(c.cpm, 2),
      figure(c.cpe, 4),
      figure(c.cpv, 4),
      money(paidInFee),
      String(c.deliverables.done),
      String(c.deliverables.due),
    ]);
  }
  rows.push([]);
  rows.push(['Spend', 'Currency', 'Budget', 'Committed', 'Paid', 'Remaining', 'To pay']);
  for (const s of report.spend)
    rows.push([
      'Board',
      s.currency,
      money(s.budget),
      money(s.committed),
      money(s.paid),
      money(s.remaining),
      money(s.toPay),
    ]);
  rows.push([]);
  rows.push(['Results', 'Currency', 'Creators', 'Cost', 'Views', 'Engagements', 'CPM', 'CPE', 'Cost per view']);
  for (const f of report.costs)
    rows.push([
      'Board',
      f.currency,
      String(f.creators),
      money(f.cost),
      String(f.views),
      String(f.engagements),
      figure(f.cpm, 2),
      figure(f.cpe, 4),
      figure(f.cpv, 4),
    ]);
  rows.push([]);
  rows.push(['Deliverables', 'Due', 'Done', 'Late', 'Posts without a deliverable']);
  const d = report.deliverables;
  rows.push(['Board', String(d.due), String(d.done), String(d.late), String(d.unlinkedPosts)]);
  return rows.map((row) => row.map(escapeFormula));
}
