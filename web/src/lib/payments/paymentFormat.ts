import { daysLate, isOverdue, type Creator, type Payment } from '@roster/shared';
import { formatMoney } from '$lib/board/format';

/** Today in the viewer's time zone, `YYYY-MM-DD` (overdue is judged by the viewer's day). */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Money with cents when it has them: "€1,500", "€333.30". */
export function money(amount: number, currency: string): string {
  if (Number.isInteger(amount)) return formatMoney(amount, currency);
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency, minimumFractionDigits: 2 }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** "€1,500 of €3,000 paid", or null when the creator has neither a fee nor a payment. */
export function paidOfTotal(creator: Creator): string | null {
  const progress = creator.payments.progress;
  if (!progress || creator.payments.ledger.length === 0) return null;
  return `${money(progress.paid, progress.currency)} of ${money(progress.total, progress.currency)} paid`;
}

/** The creator's overdue payments on a day. */
export function overduePayments(creator: Creator, today: string): Payment[] {
  return creator.payments.ledger.filter((payment) => isOverdue(payment, today));
}

/** "3 days late", "1 day late". */
export function lateText(payment: Payment, today: string): string {
  const days = daysLate(payment, today);
  return days === 1 ? '1 day late' : `${days} days late`;
}

/** The due date, or what it waits for ("30 days after posting"), or "no due date". */
export function dueText(payment: Payment): string {
  return payment.due ?? payment.dueLabel ?? 'no due date';
}
