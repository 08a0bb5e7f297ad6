import {
  addDays,
  type Installment,
  type PaymentTerms,
  type PaymentTrigger,
  type StoredPayment,
} from './paymentModel.ts';

/** The dates the terms' triggers happened on, when they have (`YYYY-MM-DD`). */
export interface TriggerDates {
  /** The contract's signing date (`contractSignedAt`). */
  signing: string | null;
  /** The first post's date (the earliest `posts:*` `postedAt`). */
  posting: string | null;
}

/** When an installment falls due, or null while its trigger has not happened. */
export function installmentDue(installment: Installment, triggers: TriggerDates): string | null {
  const start = installment.trigger === 'date' ? installment.date : triggers[installment.trigger];
  return start ? addDays(start, installment.netDays) : null;
}

/** What an installment's due date waits for, in words: "30 days after posting", "on signing". */
export function installmentDueLabel(installment: Pick<Installment, 'trigger' | 'netDays' | 'date'>): string {
  const what: Record<PaymentTrigger, string> = { signing: 'signing', posting: 'posting', date: installment.date ?? '' };
  if (installment.trigger === 'date')
    return installment.netDays === 0 ? `on ${what.date}` : `${days(installment.netDays)} after ${what.date}`;
  return installment.netDays === 0
    ? `on ${what[installment.trigger]}`
    : `${days(installment.netDays)} after ${what[installment.trigger]}`;
}

function days(count: number): string {
  return count === 1 ? '1 day' : `${count} days`;
}

/** Terms in words: "50% on signing, 50% 30 days after posting". */
export function describeTerms(terms: PaymentTerms): string {
  return terms.installments.map((i) => `${i.percent}% ${installmentDueLabel(i)}`).join(', ');
}

/**
 * The payments the terms call for, one per installment: its share of the fee (rounded to cents;
 * the last installment takes what rounding left, so they add up to the fee exactly) and its due
 * date when its trigger has happened. A due date still unknown is stored as null and worked out
 * by readers once the trigger happens (`installmentDue`), so signing or posting later moves no
 * payment by hand.
 */
export function scheduleFromTerms(
  terms: PaymentTerms,
  fee: { amount: number; currency: string },
  triggers: TriggerDates,
  createdAt: number,
): StoredPayment[] {
  const cents = Math.round(fee.amount * 100);
  let left = cents;
  return terms.installments.map((installment, index) => {
    const last = index === terms.installments.length - 1;
    const share = last ? left : Math.round((cents * installment.percent) / 100);
    left -= share;
    return {
      amount: share / 100,
      currency: fee.currency,
      dueDate: installment.trigger === 'date' ? installmentDue(installment, triggers) : null,
      paidDate: null,
      method: null,
      reference: null,
      note: null,
      installment: index,
      createdAt,
    };
  });
}
