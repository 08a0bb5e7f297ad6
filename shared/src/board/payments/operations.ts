import { z } from 'zod';
import { defineOperation, refuse, type OperationContext } from '../../operations/operation.ts';
import { appendActivity, randomId } from '../activity/activity.ts';
import { cellsOf, creatorExists, creatorName } from '../creators/creatorCells.ts';
import { fieldKey, memberKey } from '../creators/creatorFields.ts';
import { readFee } from '../creators/fees.ts';
import { boardTypes, getCell, type BoardTypes } from '../document/boardTypes.ts';
import { readStatus } from '../statuses/readStatuses.ts';
import {
  PAYMENT_LIMITS,
  paymentFieldsSchema,
  paymentTermsSchema,
  type PaymentOverride,
  type StoredPayment,
} from './paymentModel.ts';
import { readCreatorPayments, readStoredPayment } from './readPayments.ts';
import { describeTerms, scheduleFromTerms } from './schedule.ts';

const idSchema = z.string().min(1).max(64);
const paymentIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, { message: 'is not a payment id' });
const dateSchema = paymentFieldsSchema.shape.paidDate;

const CREATOR_GONE = 'That creator is no longer on the board.';
const PAYMENT_GONE = 'That payment is no longer in the ledger.';

/** Sets (or clears, with null) a creator's payment terms. */
export const setPaymentTerms = defineOperation({
  name: 'setPaymentTerms',
  action: 'board.edit',
  input: z.object({ creatorId: idSchema, terms: paymentTermsSchema.nullable() }),
  failures: { creator_not_found: CREATOR_GONE },
  run(doc, { creatorId, terms }, ctx) {
    const types = boardTypes(doc);
    if (!creatorExists(types, creatorId)) return refuse('creator_not_found');
    const before = readCreatorPayments(cellsOf(types, creatorId), null).terms;
    const from = before ? describeTerms(before) : '';
    const to = terms ? describeTerms(terms) : '';
    if (from === to) return { ok: true };
    doc.transact(() => {
      types.cells.set(fieldKey(creatorId, 'paymentTerms'), terms);
      record(types, creatorId, 'paymentTerms', from, to, ctx);
    }, ctx.origin);
    return { ok: true };
  },
});

/** Adds a payment to a creator's ledger (due, or already paid with a paid date). */
export const recordPayment = defineOperation({
  name: 'recordPayment',
  action: 'board.edit',
  input: z.object({
    creatorId: idSchema,
    /** Given by the caller so it can refer to the new payment at once; made up when missing. */
    paymentId: paymentIdSchema.optional(),
    payment: paymentFieldsSchema,
  }),
  failures: {
    creator_not_found: CREATOR_GONE,
    too_many_payments: `A creator can have at most ${PAYMENT_LIMITS.payments} payments.`,
    payment_exists: 'A payment with that id is already in the ledger.',
  },
  run(doc, { creatorId, paymentId, payment }, ctx) {
    const types = boardTypes(doc);
    if (!creatorExists(types, creatorId)) return refuse('creator_not_found');
    const members = cellsOf(types, creatorId).members.payments;
    if ((members?.size ?? 0) >= PAYMENT_LIMITS.payments) return refuse('too_many_payments');
    const id = paymentId ?? (ctx.newId ?? randomId)();
    if (members?.has(id)) return refuse('payment_exists', { field: 'paymentId' });
    const stored: StoredPayment = { ...payment, installment: null, createdAt: ctx.now };
    doc.transact(() => {
      types.cells.set(memberKey(creatorId, 'payments', id), stored);
      record(types, creatorId, 'payments', '', describePayment(stored), ctx);
    }, ctx.origin);
    return { ok: true, paymentId: id };
  },
});

/** Changes fields of a payment; fields not given keep their value. */
export const updatePayment = defineOperation({
  name: 'updatePayment',
  action: 'board.edit',
  input: z.object({ creatorId: idSchema, paymentId: paymentIdSchema, changes: paymentFieldsSchema.partial() }),
  failures: { creator_not_found: CREATOR_GONE, payment_not_found: PAYMENT_GONE },
  run(doc, { creatorId, paymentId, changes }, ctx) {
    const types = boardTypes(doc);
    if (!creatorExists(types, creatorId)) return refuse('creator_not_found');
    const before = storedPayment(types, creatorId, paymentId);
    if (!before) return refuse('payment_not_found');
    const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    const after: StoredPayment = { ...before, ...given };
    if (JSON.stringify(after) === JSON.stringify(before)) return { ok: true };
    doc.transact(() => {
      types.cells.set(memberKey(creatorId, 'payments', paymentId), after);
      record(types, creatorId, 'payments', describePayment(before), describePayment(after), ctx);
    }, ctx.origin);
    return { ok: true };
  },
});

/** Marks a payment paid on a day, or unpaid again (null). */
export const markPaymentPaid = defineOperation({
  name: 'markPaymentPaid',
  action: 'board.edit',
  input: z.object({ creatorId: idSchema, paymentId: paymentIdSchema, paidDate: dateSchema }),
  failures: { creator_not_found: CREATOR_GONE, payment_not_found: PAYMENT_GONE },
  run(doc, { creatorId, paymentId, paidDate }, ctx) {
    return updatePayment.run(doc, { creatorId, paymentId, changes: { paidDate } }, ctx);
  },
});

/** Deletes a payment from the ledger. */
export const deletePayment = defineOperation({
  name: 'deletePayment',
  action: 'board.edit',
  input: z.object({ creatorId: idSchema, paymentId: paymentIdSchema }),
  failures: { creator_not_found: CREATOR_GONE, payment_not_found: PAYMENT_GONE },
  run(doc, { creatorId, paymentId }, ctx) {
    const types = boardTypes(doc);
    if (!creatorExists(types, creatorId)) return refuse('creator_not_found');
    const before = storedPayment(types, creatorId, paymentId);
    if (!before) return refuse('payment_not_found');
    doc.transact(() => {
      types.cells.deleteMany(new Set([memberKey(creatorId, 'payments', paymentId)]));
      record(types, creatorId, 'payments', describePayment(before), '', ctx);
    }, ctx.origin);
    return { ok: true };
  },
});

/**
 * Adds to the ledger the payments the terms call for (`scheduleFromTerms`) that it does not hold
 * yet. Scheduled payments have the ids `term-1`, `term-2`…: two people creating the schedule at
 * once (one offline) write the same entries, so the ledger does not get them twice.
 */
export const createPaymentSchedule = defineOperation({
  name: 'createPaymentSchedule',
  action: 'board.edit',
  input: z.object({ creatorId: idSchema }),
  failures: {
    creator_not_found: CREATOR_GONE,
    no_terms: 'Set the payment terms first: the schedule follows them.',
    no_fee: 'Set the fee first: each scheduled payment is a share of it.',
    too_many_payments: `A creator can have at most ${PAYMENT_LIMITS.payments} payments.`,
  },
  run(doc, { creatorId }, ctx) {
    const types = boardTypes(doc);
    if (!creatorExists(types, creatorId)) return refuse('creator_not_found');
    const cells = cellsOf(types, creatorId);
    const fee = readFee(getCell(types, creatorId, 'fee'));
    const payments = readCreatorPayments(cells, fee);
    if (!payments.terms) return refuse('no_terms');
    if (!fee || fee.amount <= 0) return refuse('no_fee');
    const scheduled = new Set<number | null>(payments.ledger.map((p) => p.installment).filter((i) => i !== null));
    const missing = scheduleFromTerms(payments.terms, fee, payments.triggers, ctx.now).filter(
      (payment) => !scheduled.has(payment.installment) && !cells.members.payments?.has(termId(payment.installment!)),
    );
    if ((cells.members.payments?.size ?? 0) + missing.length > PAYMENT_LIMITS.payments)
      return refuse('too_many_payments');
    if (missing.length === 0) return { ok: true, created: 0 };
    doc.transact(() => {
      types.cells.setMany(
        new Map(missing.map((payment) => [memberKey(creatorId, 'payments', termId(payment.installment!)), payment])),
      );
      record(types, creatorId, 'payments', '', `scheduled ${missing.map(describePayment).join('; ')}`, ctx);
    }, ctx.origin);
    return { ok: true, created: missing.length };
  },
});

/** Sets the Payment status by hand (it then stays until cleared), or back to what the ledger says (null). */
export const setPaymentOverride = defineOperation({
  name: 'setPaymentOverride',
  action: 'board.edit',
  input: z.object({ creatorId: idSchema, statusId: idSchema.nullable() }),
  failures: {
    creator_not_found: CREATOR_GONE,
    status_not_found: 'That status no longer exists.',
    status_archived: 'That status is archived.',
  },
  run(doc, { creatorId, statusId }, ctx) {
    const types = boardTypes(doc);
    if (!creatorExists(types, creatorId)) return refuse('creator_not_found');
    if (statusId !== null) {
      const status = readStatus(types, 'payment', statusId);
      if (!status) return refuse('status_not_found', { field: 'statusId' });
      if (status.archived) return refuse('status_archived', { field: 'statusId' });
    }
    doc.transact(() => writeOverride(types, creatorId, statusId, ctx), ctx.origin);
    return { ok: true };
  },
});

/**
 * A Payment status set by a card move or the status picker (moveCreator, setStatus; inside their
 * transaction): for a creator whose ledger has payments it becomes the override, shown as set by
 * hand; a move to the status the ledger says clears the override. A creator with an empty ledger
 * keeps the plain `payment` cell, as before the ledger.
 */
export function overridePaymentStatus(
  types: BoardTypes,
  creatorIds: readonly string[],
  statusId: string,
  ctx: OperationContext,
): void {
  for (const creatorId of creatorIds) {
    const payments = readCreatorPayments(cellsOf(types, creatorId), readFee(getCell(types, creatorId, 'fee')));
    if (payments.computedStatusId === null) {
      if (payments.override) types.cells.set(fieldKey(creatorId, 'paymentOverride'), null);
      continue;
    }
    const next = statusId === payments.computedStatusId ? null : statusId;
    if ((payments.override?.statusId ?? null) !== next) writeOverride(types, creatorId, next, ctx);
  }
}

function writeOverride(types: BoardTypes, creatorId: string, statusId: string | null, ctx: OperationContext): void {
  const value: PaymentOverride | null = statusId ? { statusId, by: ctx.actor.name, at: ctx.now } : null;
  types.cells.set(fieldKey(creatorId, 'paymentOverride'), value);
  record(types, creatorId, 'paymentOverride', '', statusId ?? 'follows the ledger', ctx);
}

function storedPayment(types: BoardTypes, creatorId: string, paymentId: string): StoredPayment | null {
  return readStoredPayment(cellsOf(types, creatorId).members.payments?.get(paymentId));
}

function termId(installment: number): string {
  return `term-${installment + 1}`;
}

/** A payment in the history: "EUR 1500 due 2026-12-01, paid 2026-12-03". */
function describePayment(p: StoredPayment): string {
  const parts = [`${p.currency} ${p.amount}`];
  if (p.dueDate) parts.push(`due ${p.dueDate}`);
  if (p.paidDate) parts.push(`paid ${p.paidDate}`);
  return parts.join(', ');
}

function record(
  types: BoardTypes,
  creatorId: string,
  field: string,
  from: string,
  to: string,
  ctx: OperationContext,
): void {
  appendActivity(
    [{ creatorId, creatorName: creatorName(types, creatorId), kind: 'field', field, from, to: to.slice(0, 200) }],
    ctx,
  );
}
