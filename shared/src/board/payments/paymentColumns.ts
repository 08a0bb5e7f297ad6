import type { Creator } from '../creators/creator.ts';
import { utcDay } from './paymentModel.ts';
import { daysLate, isOverdue } from './paymentStatus.ts';

/**
 * The table's payment column (spread into CREATOR_COLUMNS): paid of owed, and "overdue" with how
 * late the oldest unpaid payment is. `today` is the viewer's day when the table passes it (the
 * column context's `today`), else the UTC day.
 */
export const PAYMENT_COLUMNS = [
  {
    id: 'payments',
    label: 'Paid',
    shownByDefault: true,
    text: (c: Creator, ctx: { today?: string }) => paymentText(c, ctx.today ?? utcDay(Date.now())),
    // Overdue first (most days late first in a descending sort), then by the share paid.
    sortValue: (c: Creator, ctx: { today?: string }) => {
      const progress = c.payments.progress;
      if (!progress || c.payments.ledger.length === 0) return undefined;
      const late = maxDaysLate(c, ctx.today ?? utcDay(Date.now()));
      return late > 0 ? 1000 + late : progress.total > 0 ? progress.paid / progress.total : 1;
    },
  },
];

function maxDaysLate(creator: Creator, today: string): number {
  return Math.max(0, ...creator.payments.ledger.map((p) => daysLate(p, today)));
}

/** "1,500 of 3,000 EUR paid · overdue 3 days", or "—" without payments. */
export function paymentText(creator: Creator, today: string): string {
  const progress = creator.payments.progress;
  if (!progress || creator.payments.ledger.length === 0) return '—';
  const n = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
  const sums = `${n.format(progress.paid)} of ${n.format(progress.total)} ${progress.currency} paid`;
  const overdue = creator.payments.ledger.some((p) => isOverdue(p, today));
  if (!overdue) return sums;
  const late = maxDaysLate(creator, today);
  return `${sums} · overdue ${late === 1 ? '1 day' : `${late} days`}`;
}
