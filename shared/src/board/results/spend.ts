import type { Fee } from '../creators/creator.ts';
import type { Budget } from '../screening/budget.ts';
import type { Deliverable } from '../deals/deal.ts';
import type { Payment } from '../payments/paymentModel.ts';
import type { Post } from './posts.ts';

/**
 * Spend against the budget, one row per currency — amounts in different currencies are never
 * added together (Roster has no exchange rates, and a rate that goes stale is silently wrong).
 */
export interface SpendRow {
  currency: string;
  /** The board's budget when it is in this currency; null otherwise. */
  budget: number | null;
  /** Fees of the committed creators (past Negotiating or with a signed contract, as the budget bar counts them). */
  committed: number;
  /** Payments of the ledger marked paid. */
  paid: number;
  /** Budget − committed: what is left to commit (negative when over); null without a budget in this currency. */
  remaining: number | null;
  /** Committed − paid: what is still owed on the deals (never below 0). */
  toPay: number;
}

/**
 * Spend per currency: the budget's currency first, then by committed amount. `committed` are the
 * committed creators' fees; `payments` the ledger of the board's (not removed) creators.
 */
export function spendByCurrency(
  committedFees: readonly (Fee | null)[],
  payments: readonly Pick<Payment, 'amount' | 'currency' | 'paidDate'>[],
  budget: Budget | null,
): SpendRow[] {
  const rows = new Map<string, SpendRow>();
  const row = (currency: string) => {
    let found = rows.get(currency);
    if (!found)
      rows.set(currency, (found = { currency, budget: null, committed: 0, paid: 0, remaining: null, toPay: 0 }));
    return found;
  };
  if (budget) row(budget.currency).budget = budget.amount;
  for (const fee of committedFees) if (fee) row(fee.currency).committed += fee.amount;
  for (const payment of payments) if (payment.paidDate) row(payment.currency).paid += payment.amount;
  for (const r of rows.values()) {
    r.remaining = r.budget === null ? null : r.budget - r.committed;
    r.toPay = Math.max(0, r.committed - r.paid);
  }
  return [...rows.values()].sort(
    (a, b) =>
      (b.budget !== null ? 1 : 0) - (a.budget !== null ? 1 : 0) ||
      b.committed - a.committed ||
      (a.currency < b.currency ? -1 : 1),
  );
}

/** Deliverables of the deals against posted content. */
export interface DeliverableProgress {
  /** Posts the deals ask for: the deliverables' counts added up. */
  due: number;
  /** Of those, posted: per deliverable, the posts linked to it, at most its count. */
  done: number;
  /** Not yet posted although their due date has passed. */
  late: number;
  /** Posts linked to no deliverable (or to one that no longer exists). */
  unlinkedPosts: number;
}

/**
 * Deliverables done vs due. A deliverable of count 3 with 2 linked posts is 2 done of 3; a fourth
 * post linked to it counts no further (it is extra content, not a deliverable). Late: the
 * missing posts of deliverables whose due date is before `today` (`YYYY-MM-DD`).
 */
export function deliverableProgress(
  deliverables: readonly (Pick<Deliverable, 'id' | 'count' | 'dueDate'> & { creatorId: string })[],
  posts: ReadonlyMap<string, readonly Pick<Post, 'deliverableId'>[]>,
  today: string,
): DeliverableProgress {
  const linked = new Map<string, number>();
  let unlinkedPosts = 0;
  const known = new Set(deliverables.map((d) => `${d.creatorId}\u0000${d.id}`));
  for (const [creatorId, list] of posts)
    for (const post of list) {
      const key = `${creatorId}\u0000${post.deliverableId}`;
      if (post.deliverableId && known.has(key)) linked.set(key, (linked.get(key) ?? 0) + 1);
      else unlinkedPosts++;
    }
  let due = 0;
  let done = 0;
  let late = 0;
  for (const deliverable of deliverables) {
    const posted = Math.min(deliverable.count, linked.get(`${deliverable.creatorId}\u0000${deliverable.id}`) ?? 0);
    due += deliverable.count;
    done += posted;
    if (deliverable.dueDate && deliverable.dueDate < today) late += deliverable.count - posted;
  }
  return { due, done, late, unlinkedPosts };
}
