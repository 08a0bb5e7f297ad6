import type { Creator, Fee } from '../creators/creator.ts';
import { feeCurrencies } from '../creators/fees.ts';
import { builtInStatusId, type Status } from '../statuses/status.ts';
import type { Budget } from './budget.ts';

/** What the cost figures need of a creator: `readBoard(doc).creators` fits. */
export type CostedCreator = Pick<Creator, 'fee' | 'followers' | 'engagementRate' | 'statuses'>;

/** An amount in one currency. */
export interface Money {
  amount: number;
  currency: string;
}

/** The influencer status after which a creator's fee is committed. */
export const NEGOTIATING = builtInStatusId('influencer', 'Negotiating');
const CONTRACT_SIGNED = builtInStatusId('contract', 'Contract signed');

/**
 * The influencer statuses whose creators' fees are committed: every status ordered after
 * Negotiating (Brief sent, Waiting for draft, Draft approved, Content posted, and custom statuses
 * placed after it). Statuses are the group's in rank order, archived ones included, as
 * `readBoard(doc).statuses.influencer` gives them: an archived Negotiating keeps its place, so
 * the statuses after it stay committed.
 */
export function committedStatusIds(influencerStatuses: readonly Status[]): Set<string> {
  const at = influencerStatuses.findIndex((status) => status.id === NEGOTIATING);
  return new Set(at < 0 ? [] : influencerStatuses.slice(at + 1).map((status) => status.id));
}

/**
 * The creators whose fees are committed: past Negotiating (`committedStatusIds`), or with a
 * signed contract whatever their influencer status says.
 */
export function committedCreators<C extends Pick<Creator, 'statuses'>>(
  creators: readonly C[],
  influencerStatuses: readonly Status[],
): C[] {
  const committedIds = committedStatusIds(influencerStatuses);
  return creators.filter(
    (creator) => committedIds.has(creator.statuses.influencer) || creator.statuses.contract === CONTRACT_SIGNED,
  );
}

/** Engagements to expect from one post: followers × engagement rate; null when either is unknown. */
export function expectedEngagements(creator: Pick<Creator, 'followers' | 'engagementRate'>): number | null {
  const { followers, engagementRate } = creator;
  if (followers === undefined || engagementRate === undefined) return null;
  return (followers * engagementRate) / 100;
}

/** Fee per 1,000 followers, in the fee's currency; null without a fee or followers. */
export function costPerThousandFollowers(creator: Pick<Creator, 'fee' | 'followers'>): Money | null {
  const { fee, followers } = creator;
  if (!fee || !followers) return null;
  return { amount: (fee.amount / followers) * 1000, currency: fee.currency };
}

/** Fee per expected engagement: fee / (followers × engagement rate); null without a fee or any engagement. */
export function costPerEngagement(creator: Pick<Creator, 'fee' | 'followers' | 'engagementRate'>): Money | null {
  const engagements = expectedEngagements(creator);
  if (!creator.fee || !engagements) return null;
  return { amount: creator.fee.amount / engagements, currency: creator.fee.currency };
}

/** Fees of some creators: the total in the summary's currency, and fees in other currencies apart. */
export interface FeeTotal {
  /** Creators counted. */
  count: number;
  /** Sum of their fees in the summary's currency. */
  amount: number;
  /** Sums of fees in other currencies, most first; never converted (Roster has no exchange rates). */
  other: Money[];
  /** Creators without a fee. */
  unpriced: number;
}

export interface StatusSpend extends FeeTotal {
  statusId: string;
}

export interface BudgetSummary {
  /** The budget's currency; without a budget, the currency most fees use (EUR when none has one). */
  currency: string;
  /** The budget's amount, or null when the board has none. */
  budget: number | null;
  /** Fees of the creators past Negotiating or with a signed contract. */
  committed: FeeTotal;
  /** Budget minus committed spend in its currency (negative when over); null without a budget. */
  remaining: number | null;
  /** Fees per influencer status (live statuses with creators, in board order). */
  byStatus: StatusSpend[];
  /** Followers of the committed creators (an upper bound: audiences overlap). */
  reach: number;
  /** Committed spend per 1,000 followers, over committed creators with a fee in `currency` and followers. */
  costPerThousandFollowers: number | null;
  /** Committed spend per expected engagement, over committed creators with a fee in `currency`, followers and ER. */
  costPerEngagement: number | null;
}

/**
 * The board's budget summary, from the live creators and statuses (so it is the same on every
 * screen and follows every fee and status change). Only fees in the summary's currency add up;
 * fees in other currencies are listed apart in `other` rather than converted at a rate that
 * would go stale.
 */
export function budgetSummary(
  creators: readonly CostedCreator[],
  influencerStatuses: readonly Status[],
  budget: Budget | null,
): BudgetSummary {
  const currency = budget?.currency ?? feeCurrencies(creators)[0] ?? 'EUR';
  const committed = committedCreators(creators, influencerStatuses);
  const total = feeTotal(committed, currency);
  const inCurrency = committed.filter((creator) => creator.fee?.currency === currency);
  let followers = 0;
  let feesWithFollowers = 0;
  let engagements = 0;
  let feesWithEngagements = 0;
  for (const creator of inCurrency) {
    const fee = (creator.fee as Fee).amount;
    if (creator.followers) {
      followers += creator.followers;
      feesWithFollowers += fee;
    }
    const expected = expectedEngagements(creator);
    if (expected) {
      engagements += expected;
      feesWithEngagements += fee;
    }
  }
  const inStatus = new Map<string, CostedCreator[]>();
  for (const creator of creators) {
    const list = inStatus.get(creator.statuses.influencer);
    if (list) list.push(creator);
    else inStatus.set(creator.statuses.influencer, [creator]);
  }
  const byStatus: StatusSpend[] = influencerStatuses
    .filter((status) => !status.archived && inStatus.has(status.id))
    .map((status) => ({ statusId: status.id, ...feeTotal(inStatus.get(status.id)!, currency) }));
  return {
    currency,
    budget: budget?.amount ?? null,
    committed: total,
    remaining: budget ? budget.amount - total.amount : null,
    byStatus,
    reach: committed.reduce((sum, creator) => sum + (creator.followers ?? 0), 0),
    costPerThousandFollowers: followers > 0 ? (feesWithFollowers / followers) * 1000 : null,
    costPerEngagement: engagements > 0 ? feesWithEngagements / engagements : null,
  };
}

/** Sum of fees in `currency`, with other currencies' sums apart. */
export function feeTotal(creators: readonly Pick<Creator, 'fee'>[], currency: string): FeeTotal {
  let amount = 0;
  let unpriced = 0;
  const other = new Map<string, number>();
  for (const { fee } of creators) {
    if (!fee) unpriced++;
    else if (fee.currency === currency) amount += fee.amount;
    else other.set(fee.currency, (other.get(fee.currency) ?? 0) + fee.amount);
  }
  return {
    count: creators.length,
    amount,
    other: [...other]
      .map(([code, sum]) => ({ amount: sum, currency: code }))
      .sort((a, b) => b.amount - a.amount || (a.currency < b.currency ? -1 : 1)),
    unpriced,
  };
}
