import { formatUnitCost } from '$lib/board/format';

const whole = new Intl.NumberFormat('en');

/** 40000 → "40,000"; null → "—". */
export function formatCount(value: number | null): string {
  return value === null ? '—' : whole.format(value);
}

/**
 * A cost figure (CPM, CPE, cost per view) with its currency; "—" when there is none. Below one
 * unit it keeps three significant digits: a cost per view is often €0.0123, which cents would
 * show as €0.01 (or €0.00).
 */
export function formatCost(amount: number | null, currency: string): string {
  if (amount === null) return '—';
  if (amount >= 1 || amount === 0) return formatUnitCost(amount, currency);
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency, maximumSignificantDigits: 3 }).format(amount);
  } catch {
    return `${amount.toPrecision(3)} ${currency}`;
  }
}
