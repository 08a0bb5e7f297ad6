import { z } from 'zod';
import { optionalText } from '../../operations/inputSchemas.ts';
import { isHistoryDate } from '../creators/creator.ts';

/**
 * A creator's payments (docs/board-format.md "Payments"): the terms, a keyed list of payments
 * (the ledger) and a manual override of the computed Payment status, each its own cell so two
 * people recording payments at once (one of them offline) both keep theirs.
 *
 *   `<creatorId>:paymentTerms`               PaymentTerms | null
 *   `<creatorId>:payments:<paymentId>`       StoredPayment
 *   `<creatorId>:paymentOverride`            PaymentOverride | null
 */

export const PAYMENT_TRIGGERS = ['signing', 'posting', 'date'] as const;
export type PaymentTrigger = (typeof PAYMENT_TRIGGERS)[number];

export const TRIGGER_LABELS: Record<PaymentTrigger, string> = {
  signing: 'signing',
  posting: 'posting',
  date: 'a date',
};

export interface Installment {
  /** Share of the fee, 0.01–100. */
  percent: number;
  /** What starts the clock: the contract's signing date, the first post, or a fixed date. */
  trigger: PaymentTrigger;
  /** Days after the trigger the installment is due (0 = on the day). */
  netDays: number;
  /** The date, for trigger `date`; null otherwise. */
  date: string | null;
}

export interface PaymentTerms {
  installments: Installment[];
}

/** One ledger entry as stored. */
export interface StoredPayment {
  amount: number;
  currency: string;
  /** When it is due; null when it follows a trigger that has not happened yet (or nobody said). */
  dueDate: string | null;
  /** When it was paid; null while unpaid. */
  paidDate: string | null;
  method: string | null;
  reference: string | null;
  note: string | null;
  /** The index of the terms' installment it was scheduled from; null for a payment recorded by hand. */
  installment: number | null;
  createdAt: number;
}

/** A ledger entry as read: with its id, and its due date worked out from the terms when it follows a trigger. */
export interface Payment extends StoredPayment {
  id: string;
  /**
   * `dueDate`, or for a scheduled payment without one, its trigger's date + net days once the
   * trigger has happened; null while unknown.
   */
  due: string | null;
  /** For a due date still unknown: what it waits for, e.g. "30 days after posting". */
  dueLabel: string | null;
}

export interface PaymentOverride {
  statusId: string;
  /** The name of who set it. */
  by: string;
  at: number;
}

/** The limits the operations hold input to. */
export const PAYMENT_LIMITS = {
  installments: 12,
  payments: 100,
  amount: 1_000_000_000,
  netDays: 365,
  text: 200,
  note: 1000,
} as const;

const dateSchema = z.string().max(10).refine(isDay, { message: 'must be a date like 2026-06-01' });

export const currencySchema = z.string().regex(/^[A-Z]{3}$/, { message: 'must be a 3-letter currency code' });

export const installmentSchema = z
  .object({
    percent: z.number().finite().min(0.01, { message: 'must be more than 0%' }).max(100),
    trigger: z.enum(PAYMENT_TRIGGERS, { message: 'must be signing, posting or date' }),
    netDays: z
      .number()
      .int({ message: 'must be a whole number of days' })
      .min(0)
      .max(PAYMENT_LIMITS.netDays, { message: `must be at most ${PAYMENT_LIMITS.netDays} days` }),
    date: dateSchema.nullable().optional().default(null),
  })
  .superRefine((installment, ctx) => {
    if (installment.trigger === 'date' && !installment.date)
      ctx.addIssue({ code: 'custom', message: 'needs a date when it is due on a date', path: ['date'] });
  })
  .transform((installment) => ({ ...installment, date: installment.trigger === 'date' ? installment.date : null }));

export const paymentTermsSchema = z
  .object({
    installments: z
      .array(installmentSchema)
      .min(1, { message: 'must have at least one installment' })
      .max(PAYMENT_LIMITS.installments, { message: `can have at most ${PAYMENT_LIMITS.installments} installments` }),
  })
  .superRefine((terms, ctx) => {
    const sum = percentSum(terms.installments);
    if (sum !== 100) ctx.addIssue({ code: 'custom', message: `must add up to 100% (these add up to ${sum}%)` });
  });

/** The fields of a payment people enter (record and edit). */
export const paymentFieldsSchema = z.object({
  amount: z
    .number()
    .finite()
    .min(0.01, { message: 'must be more than 0' })
    .max(PAYMENT_LIMITS.amount, { message: 'is too large' }),
  currency: currencySchema.default('EUR'),
  dueDate: dateSchema.nullable().optional().default(null),
  paidDate: dateSchema.nullable().optional().default(null),
  method: optionalText(PAYMENT_LIMITS.text),
  reference: optionalText(PAYMENT_LIMITS.text),
  note: optionalText(PAYMENT_LIMITS.note),
});

/** The sum of the installments' percents, to hundredths (33.33 + 33.33 + 33.34 is 100). */
export function percentSum(installments: readonly { percent: number }[]): number {
  return Math.round(installments.reduce((sum, i) => sum + i.percent, 0) * 100) / 100;
}

/** A calendar day `YYYY-MM-DD` that exists. */
export function isDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && isHistoryDate(value);
}

/** `day` + `days` calendar days (UTC arithmetic, no time zone can shift it). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  const ms = (day: string) => {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((ms(to) - ms(from)) / 86_400_000);
}

/** The day of an instant in UTC (the server's "today"). */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
