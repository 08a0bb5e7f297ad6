import type { Post } from './posts.ts';

/**
 * Campaign results from posted content. Definitions (docs/results.md has them for people):
 *
 * - **Engagements** of a post: likes + comments + shares (the figures every platform shows;
 *   saves and clicks are not collected).
 * - **CPM**: cost per 1,000 **views**. Views are what platforms count as impressions and what
 *   paid media is priced on, so the figure compares with an ad buy. Reach (unique accounts) is
 *   not used: reach of several posts cannot be added up without counting people twice.
 * - **CPE**: cost per engagement. **CPV**: cost per view.
 * - **Cost** is the creator's fee (the deal's agreed price), not what has been paid so far: a
 *   figure that dropped as payments come in would say nothing about the deal.
 *
 * A figure is null when what it divides by is 0 or unknown — never 0 or Infinity. Costs are only
 * ever added within one currency (Roster has no exchange rates).
 */

/** Likes + comments + shares of a post (unknown figures count as 0). */
export function postEngagements(post: Pick<Post, 'likes' | 'comments' | 'shares'>): number {
  return (post.likes ?? 0) + (post.comments ?? 0) + (post.shares ?? 0);
}

/** Sums of posts' figures; unknown figures count as 0. */
export interface PostTotals {
  posts: number;
  reach: number;
  views: number;
  likes: number;
  comments: number;
  shares: number;
  /** likes + comments + shares. */
  engagements: number;
}

export const NO_TOTALS: PostTotals = {
  posts: 0,
  reach: 0,
  views: 0,
  likes: 0,
  comments: 0,
  shares: 0,
  engagements: 0,
};

/** Adds up posts' figures. Reach is a plain sum (an upper bound: the same person may see two posts). */
export function postTotals(posts: readonly Post[]): PostTotals {
  const totals = { ...NO_TOTALS };
  for (const post of posts) {
    totals.posts++;
    totals.reach += post.reach ?? 0;
    totals.views += post.views ?? 0;
    totals.likes += post.likes ?? 0;
    totals.comments += post.comments ?? 0;
    totals.shares += post.shares ?? 0;
  }
  totals.engagements = totals.likes + totals.comments + totals.shares;
  return totals;
}

/** Adds totals together. */
export function addTotals(a: PostTotals, b: PostTotals): PostTotals {
  return {
    posts: a.posts + b.posts,
    reach: a.reach + b.reach,
    views: a.views + b.views,
    likes: a.likes + b.likes,
    comments: a.comments + b.comments,
    shares: a.shares + b.shares,
    engagements: a.engagements + b.engagements,
  };
}

const ratio = (cost: number, count: number, per = 1): number | null =>
  count > 0 && Number.isFinite(cost) && cost >= 0 ? (cost / count) * per : null;

/** Cost per 1,000 views; null without views. */
export function cpm(cost: number, views: number): number | null {
  return ratio(cost, views, 1000);
}

/** Cost per engagement (likes + comments + shares); null without engagements. */
export function cpe(cost: number, engagements: number): number | null {
  return ratio(cost, engagements);
}

/** Cost per view; null without views. */
export function cpv(cost: number, views: number): number | null {
  return ratio(cost, views);
}

/** The cost figures of one creator or of a set of creators in one currency. */
export interface CostFigures {
  cpm: number | null;
  cpe: number | null;
  cpv: number | null;
}

/** A creator's cost figures from its fee and its posts' totals. */
export function creatorCostFigures(fee: number | null, totals: PostTotals): CostFigures {
  if (fee === null) return { cpm: null, cpe: null, cpv: null };
  return { cpm: cpm(fee, totals.views), cpe: cpe(fee, totals.engagements), cpv: cpv(fee, totals.views) };
}

/** What the board-wide figures need of a creator. */
export interface CostedResult {
  fee: { amount: number; currency: string } | null;
  totals: PostTotals;
}

/** The cost figures of many creators in one currency, and what they were computed from. */
export interface CurrencyFigures extends CostFigures {
  currency: string;
  /** Creators with a fee in this currency and at least one post. */
  creators: number;
  /** Their fees. */
  cost: number;
  views: number;
  engagements: number;
}

/**
 * Board-wide cost figures, one set per fee currency. Each figure divides the fees of only those
 * creators that have what it divides by: a creator who posted without views yet does not make
 * the board's CPM look cheaper by adding its fee to nobody's views — it simply is not in it.
 * Creators without a post are left out (their fee buys nothing measurable yet).
 */
export function boardCostFigures(creators: readonly CostedResult[]): CurrencyFigures[] {
  const byCurrency = new Map<
    string,
    { creators: number; cost: number; views: number; engagements: number; viewCost: number; engagementCost: number }
  >();
  for (const { fee, totals } of creators) {
    if (!fee || totals.posts === 0) continue;
    let sums = byCurrency.get(fee.currency);
    if (!sums)
      byCurrency.set(
        fee.currency,
        (sums = { creators: 0, cost: 0, views: 0, engagements: 0, viewCost: 0, engagementCost: 0 }),
      );
    sums.creators++;
    sums.cost += fee.amount;
    if (totals.views > 0) {
      sums.views += totals.views;
      sums.viewCost += fee.amount;
    }
    if (totals.engagements > 0) {
      sums.engagements += totals.engagements;
      sums.engagementCost += fee.amount;
    }
  }
  return [...byCurrency]
    .map(([currency, s]) => ({
      currency,
      creators: s.creators,
      cost: s.cost,
      views: s.views,
      engagements: s.engagements,
      cpm: cpm(s.viewCost, s.views),
      cpe: cpe(s.engagementCost, s.engagements),
      cpv: cpv(s.viewCost, s.views),
    }))
    .sort((a, b) => b.cost - a.cost || (a.currency < b.currency ? -1 : 1));
}
