import type { Creator } from '../creators/creator.ts';

/** Deliverables over some creators: how many posts are agreed and what each costs. */
export interface DealFigures {
  /** Sum of the deliverables' counts. */
  deliverables: number;
  /** Fees in `currency` divided by the deliverables of the creators with such a fee; null when none. */
  costPerDeliverable: number | null;
}

/**
 * The deal totals the budget bar shows next to committed spend: deliverables agreed and the cost
 * of one, in the budget's currency (fees in other currencies are not converted, as in costs.ts).
 */
export function dealFigures(creators: readonly Pick<Creator, 'fee' | 'deal'>[], currency: string): DealFigures {
  let deliverables = 0;
  let fees = 0;
  let priced = 0;
  for (const { fee, deal } of creators) {
    const count = deal.deliverables.reduce((sum, d) => sum + d.count, 0);
    deliverables += count;
    if (fee && fee.currency === currency && count > 0) {
      fees += fee.amount;
      priced += count;
    }
  }
  return { deliverables, costPerDeliverable: priced > 0 ? fees / priced : null };
}
