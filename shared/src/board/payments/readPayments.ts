import type { CreatorCells } from '../creators/creatorFields.ts';
import { isRecord } from '../document/guards.ts';
import {
  isDay,
  PAYMENT_LIMITS,
  PAYMENT_TRIGGERS,
  type Installment,
  type Payment,
  type PaymentOverride,
  type PaymentTerms,
  type PaymentTrigger,
  type StoredPayment,
} from './paymentModel.ts';
import { paymentProgress, statusFromLedger, type PaymentProgress } from './paymentStatus.ts';
import { installmentDue, installmentDueLabel, type TriggerDates } from './schedule.ts';

/** A creator's payments as readBoard reads them (`creator.payments`). */
export interface CreatorPayments {
  terms: PaymentTerms | null;
  /** Sorted by due date (unknown last), then by when recorded. */
  ledger: Payment[];
  override: PaymentOverride | null;
  triggers: TriggerDates;
  /** Paid vs owed; null with neither a fee nor a payment. */
  progress: PaymentProgress | null;
  /** The status the ledger says; null when the ledger is empty. */
  computedStatusId: string | null;
}

/**
 * Reads a creator's payment cells. Anything a foreign client wrote wrong is skipped: a payment
 * without a positive amount, an installment with an unknown trigger.
 */
export function readCreatorPayments(
  cells: CreatorCells,
  fee: { amount: number; currency: string } | null,
): CreatorPayments {
  const terms = readTerms(cells.values.paymentTerms);
  const triggers: TriggerDates = {
    signing: day(cells.values.contractSignedAt),
    posting: firstPosting(cells.members.posts),
  };
  const ledger: Payment[] = [];
  for (const [id, value] of cells.members.payments ?? []) {
    const stored = readStoredPayment(value);
    if (!stored || !id) continue;
    const installment = stored.installment !== null ? terms?.installments[stored.installment] : undefined;
    const due = stored.dueDate ?? (installment ? installmentDue(installment, triggers) : null);
    const dueLabel = due === null && installment ? installmentDueLabel(installment) : null;
    ledger.push({ ...stored, id: id.slice(0, 64), due, dueLabel });
  }
  ledger.sort(
    (a, b) =>
      (a.due === b.due ? 0 : a.due === null ? 1 : b.due === null ? -1 : a.due < b.due ? -1 : 1) ||
      (a.installment ?? 99) - (b.installment ?? 99) ||
      a.createdAt - b.createdAt ||
      (a.id < b.id ? -1 : 1),
  );
  const kept = ledger.slice(0, PAYMENT_LIMITS.payments * 2);
  return {
    terms,
    ledger: kept,
    override: readOverride(cells.values.paymentOverride),
    triggers,
    progress: paymentProgress(kept, fee),
    computedStatusId: statusFromLedger(kept, fee),
  };
}

/**
 * The Payment status shown: a manual override when set; else what the ledger says; else (an empty
 * ledger) the status stored by hand in the `payment` cell.
 */
export function shownPaymentStatus(payments: CreatorPayments, stored: string): string {
  return payments.override?.statusId ?? payments.computedStatusId ?? stored;
}

export function readTerms(value: unknown): PaymentTerms | null {
  if (!isRecord(value) || !Array.isArray(value.installments)) return null;
  const installments: Installment[] = [];
  for (const raw of value.installments.slice(0, PAYMENT_LIMITS.installments)) {
    if (!isRecord(raw)) continue;
    const percent = finite(raw.percent, 0, 100);
    const netDays = finite(raw.netDays, 0, PAYMENT_LIMITS.netDays);
    const trigger = PAYMENT_TRIGGERS.includes(raw.trigger as PaymentTrigger) ? (raw.trigger as PaymentTrigger) : null;
    const date = day(raw.date);
    if (percent === null || netDays === null || !trigger || (trigger === 'date' && !date)) continue;
    installments.push({ percent, trigger, netDays: Math.round(netDays), date: trigger === 'date' ? date : null });
  }
  return installments.length ? { installments } : null;
}

export function readStoredPayment(value: unknown): StoredPayment | null {
  if (!isRecord(value)) return null;
  const amount = finite(value.amount, 0, PAYMENT_LIMITS.amount);
  if (amount === null || amount <= 0) return null;
  const installment = finite(value.installment, 0, PAYMENT_LIMITS.installments - 1);
  return {
    amount,
    currency: typeof value.currency === 'string' && /^[A-Z]{3}$/.test(value.currency) ? value.currency : 'EUR',
    dueDate: day(value.dueDate),
    paidDate: day(value.paidDate),
    method: text(value.method, PAYMENT_LIMITS.text),
    reference: text(value.reference, PAYMENT_LIMITS.text),
    note: text(value.note, PAYMENT_LIMITS.note),
    installment: installment === null ? null : Math.floor(installment),
    createdAt: finite(value.createdAt, 0, Number.MAX_SAFE_INTEGER) ?? 0,
  };
}

function readOverride(value: unknown): PaymentOverride | null {
  if (!isRecord(value) || typeof value.statusId !== 'string' || !value.statusId) return null;
  return {
    statusId: value.statusId.slice(0, 64),
    by: text(value.by, 120) ?? 'someone',
    at: finite(value.at, 0, Number.MAX_SAFE_INTEGER) ?? 0,
  };
}

/** The earliest posting date of a creator's posts (`posts:*` `postedAt`, a day or an ISO time). */
function firstPosting(posts: Map<string, unknown> | undefined): string | null {
  let first: string | null = null;
  for (const value of posts?.values() ?? []) {
    if (!isRecord(value)) continue;
    const posted = day(typeof value.postedAt === 'string' ? value.postedAt.slice(0, 10) : value.postedAt);
    if (posted && (first === null || posted < first)) first = posted;
  }
  return first;
}

function day(value: unknown): string | null {
  return typeof value === 'string' && isDay(value) ? value : null;
}

function finite(value: unknown, min: number, max: number): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? value : null;
}

function text(value: unknown, max: number): string | null {
  return typeof value === 'string' && value ? value.slice(0, max) : null;
}
