import { isRecord } from '../document/guards.ts';
import type { Fee } from './creator.ts';
import { number } from './readProfile.ts';

/** What the fee sort needs of a creator: `readBoard(doc).creators` fits. */
export interface WithFee {
  fee: Fee | null;
}

/** The currencies of the fees in a list, the most used first (ties A→Z). */
export function feeCurrencies(creators: readonly WithFee[]): string[] {
  const counts = new Map<string, number>();
  for (const { fee } of creators) if (fee) counts.set(fee.currency, (counts.get(fee.currency) ?? 0) + 1);
  return [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)).map(([currency]) => currency);
}

/**
 * Compares creators by fee without comparing amounts in different currencies: ¥100,000 is about
 * €600, yet sorting amounts alone put it above €4,850. Fees are grouped by currency, the list's
 * most used currency first (`feeCurrencies`), and ordered by amount within a currency in
 * `direction` (1 ascending, -1 descending); creators without a fee come last either way. Roster
 * has no exchange rates, and rates that go stale would sort silently wrong.
 */
export function compareByFee(creators: readonly WithFee[], direction: 1 | -1): (a: WithFee, b: WithFee) => number {
  const place = new Map(feeCurrencies(creators).map((currency, index) => [currency, index]));
  return (a, b) => {
    if (!a.fee || !b.fee) return a.fee === b.fee ? 0 : a.fee ? -1 : 1;
    const byCurrency = (place.get(a.fee.currency) ?? 0) - (place.get(b.fee.currency) ?? 0);
    return byCurrency || (a.fee.amount - b.fee.amount) * direction;
  };
}

/** A stored fee, or null when missing or malformed. */
export function readFee(value: unknown): Fee | null {
  if (!isRecord(value)) return null;
  const amount = number(value.amount, 0, 1e9);
  if (amount === undefined) return null;
  return {
    amount,
    currency: typeof value.currency === 'string' && /^[A-Z]{3}$/.test(value.currency) ? value.currency : 'EUR',
  };
}
