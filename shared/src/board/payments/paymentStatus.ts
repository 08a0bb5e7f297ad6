import { builtInStatusId } from '../statuses/status.ts';
import { daysBetween, type Payment } from './paymentModel.ts';

/** The built-in Payment statuses the ledger drives. */
export const PAYMENT_STATUS = {
  notPaid: builtInStatusId('payment', 'Not paid'),
  prePayment: builtInStatusId('payment', 'Pre-payment made'),
  half: builtInStatusId('payment', '50% paid'),
  full: builtInStatusId('payment', 'Paid fully'),
} as const;

/** How much of what is owed is paid, in one currency. */
export interface PaymentProgress {
  currency: string;
  /** Paid payments (a paid date) in that currency. */
  paid: number;
  /** What is owed: the fee, or without a fee the ledger's payments in that currency. */
  total: number;
  /** Payments in other currencies, left out of the figures (never converted). */
  otherCurrencies: number;
}

/**
 * Paid vs owed. What is owed is the fee when the creator has one (its currency decides); without
 * a fee, the ledger's own payments in its most used currency. Payments in another currency are
 * counted apart, never converted. Null when there is neither a fee nor a payment.
 */
export function paymentProgress(
  ledger: readonly Pick<Payment, 'amount' | 'currency' | 'paidDate'>[],
  fee: { amount: number; currency: string } | null,
): PaymentProgress | null {
  if (!fee && ledger.length === 0) return null;
  const currency = fee?.currency ?? mostUsedCurrency(ledger);
  let paid = 0;
  let listed = 0;
  let otherCurrencies = 0;
  for (const payment of ledger) {
    if (payment.currency !== currency) {
      otherCurrencies++;
      continue;
    }
    listed += payment.amount;
    if (payment.paidDate) paid += payment.amount;
  }
  return { currency, paid: cents(paid), total: cents(fee ? fee.amount : listed), otherCurrencies };
}

/**
 * The Payment status the ledger says (null when the ledger is empty: then the status set by hand
 * stands, as on boards from before the ledger):
 *
 * - nothing paid → Not paid
 * - something paid, under half of what is owed → Pre-payment made
 * - at least half, not all → 50% paid
 * - all of it (to the cent) or more → Paid fully (also when nothing is owed: no fee, only paid payments)
 */
export function statusFromLedger(
  ledger: readonly Pick<Payment, 'amount' | 'currency' | 'paidDate'>[],
  fee: { amount: number; currency: string } | null,
): string | null {
  if (ledger.length === 0) return null;
  const progress = paymentProgress(ledger, fee)!;
  const paid = Math.round(progress.paid * 100);
  const total = Math.round(progress.total * 100);
  if (paid <= 0) return PAYMENT_STATUS.notPaid;
  if (paid >= total) return PAYMENT_STATUS.full;
  if (paid * 2 >= total) return PAYMENT_STATUS.half;
  return PAYMENT_STATUS.prePayment;
}

/**
 * A payment is overdue when it is unpaid and its due date is before today: due today is due, not
 * late. A payment whose due date is not known yet (its trigger has not happened) is never overdue.
 * `today` is `YYYY-MM-DD` (the viewer's day in the browser, UTC on the server).
 */
export function isOverdue(payment: Pick<Payment, 'paidDate' | 'due'>, today: string): boolean {
  return payment.paidDate === null && payment.due !== null && payment.due < today;
}

/** Whole days a payment is late (0 when it is not overdue). */
export function daysLate(payment: Pick<Payment, 'paidDate' | 'due'>, today: string): number {
  return isOverdue(payment, today) ? daysBetween(payment.due!, today) : 0;
}

/** Whether a payment is unpaid and due by `until` (overdue ones included). */
export function isDueBy(payment: Pick<Payment, 'paidDate' | 'due'>, until: string): boolean {
  return payment.paidDate === null && payment.due !== null && payment.due <= until;
}

function mostUsedCurrency(ledger: readonly Pick<Payment, 'currency'>[]): string {
  const counts = new Map<string, number>();
  for (const { currency } of ledger) counts.set(currency, (counts.get(currency) ?? 0) + 1);
  return [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))[0]?.[0] ?? 'EUR';
}

function cents(amount: number): number {
  return Math.round(amount * 100) / 100;
}
