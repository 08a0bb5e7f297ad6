import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCreators,
  boardTypes,
  createPaymentSchedule,
  daysLate,
  isOverdue,
  markPaymentPaid,
  moveCreator,
  PAYMENT_STATUS,
  readBoard,
  recordPayment,
  runOperation,
  scheduleFromTerms,
  setFee,
  setPaymentOverride,
  setPaymentTerms,
  setStatus,
  statusFromLedger,
  deletePayment,
  type PaymentTerms,
} from '../../index.ts';
import { context, newDoc, sync } from '../testing.ts';

const halfAndHalf: PaymentTerms = {
  installments: [
    { percent: 50, trigger: 'signing', netDays: 0, date: null },
    { percent: 50, trigger: 'posting', netDays: 30, date: null },
  ],
};

function boardWithCreator(doc = new Y.Doc(), fee = 3000): { doc: Y.Doc; id: string } {
  const ctx = context();
  const added = runOperation(doc, addCreators, { creators: [{ name: 'Mia Hart' }] }, ctx);
  if (!added.ok) throw new Error(added.error.message);
  const id = added.ids[0]!;
  runOperation(doc, setFee, { creatorId: id, fee: { amount: fee, currency: 'EUR' } }, ctx);
  return { doc, id };
}

const creatorOf = (doc: Y.Doc, id: string) => readBoard(doc).creators.find((c) => c.id === id)!;
const paid = (amount: number, currency = 'EUR') => ({ amount, currency, paidDate: '2026-12-01' });
const due = (amount: number, currency = 'EUR') => ({ amount, currency, paidDate: null });

describe('payment schedule from terms', () => {
  it('splits the fee by the installments, the last one taking the rounding, due dates from their triggers', () => {
    const terms: PaymentTerms = {
      installments: [
        { percent: 33.33, trigger: 'signing', netDays: 0, date: null },
        { percent: 33.33, trigger: 'posting', netDays: 30, date: null },
        { percent: 33.34, trigger: 'date', netDays: 14, date: '2026-12-20' },
      ],
    };
    const schedule = scheduleFromTerms(terms, { amount: 1000, currency: 'EUR' }, { signing: null, posting: null }, 5);
    expect(schedule.map((p) => p.amount)).toEqual([333.3, 333.3, 333.4]);
    expect(schedule.map((p) => p.dueDate)).toEqual([null, null, '2027-01-03']);
    expect(schedule.map((p) => p.installment)).toEqual([0, 1, 2]);
  });

  it('works a scheduled payment’s due date out once its trigger happens, and says what it waits for before', () => {
    const { doc, id } = boardWithCreator();
    const ctx = context();
    runOperation(doc, setPaymentTerms, { creatorId: id, terms: halfAndHalf }, ctx);
    expect(runOperation(doc, createPaymentSchedule, { creatorId: id }, ctx)).toEqual({ ok: true, created: 2 });
    let ledger = creatorOf(doc, id).payments.ledger;
    expect(ledger.map((p) => [p.amount, p.due, p.dueLabel])).toEqual([
      [1500, null, 'on signing'],
      [1500, null, '30 days after posting'],
    ]);
    const cells = boardTypes(doc).cells;
    cells.set(`${id}:contractSignedAt`, '2026-11-02');
    cells.set(`${id}:posts:p1`, { postedAt: '2026-11-20', url: 'https://example.com/p/1' });
    cells.set(`${id}:posts:p2`, { postedAt: '2026-11-10', url: 'https://example.com/p/2' });
    ledger = creatorOf(doc, id).payments.ledger;
    expect(ledger.map((p) => [p.due, p.dueLabel])).toEqual([
      ['2026-11-02', null],
      ['2026-12-10', null],
    ]);
  });

  it('refuses a schedule without terms or without a fee, and terms whose percents do not add up to 100', () => {
    const { doc, id } = boardWithCreator();
    const ctx = context();
    const noTerms = runOperation(doc, createPaymentSchedule, { creatorId: id }, ctx);
    expect(!noTerms.ok && noTerms.error.message).toBe('Set the payment terms first: the schedule follows them.');
    const bad = runOperation(
      doc,
      setPaymentTerms,
      { creatorId: id, terms: { installments: [{ percent: 60, trigger: 'signing', netDays: 0 }] } },
      ctx,
    );
    expect(!bad.ok && bad.error.message).toContain('must add up to 100% (these add up to 60%)');
    runOperation(doc, setPaymentTerms, { creatorId: id, terms: halfAndHalf }, ctx);
    runOperation(doc, setFee, { creatorId: id, fee: null }, ctx);
    const noFee = runOperation(doc, createPaymentSchedule, { creatorId: id }, ctx);
    expect(!noFee.ok && noFee.error.message).toBe('Set the fee first: each scheduled payment is a share of it.');
  });

  it('does not schedule an installment twice, also when two people create the schedule at once', () => {
    const a = newDoc(1);
    const { id } = boardWithCreator(a);
    runOperation(a, setPaymentTerms, { creatorId: id, terms: halfAndHalf }, context());
    const b = newDoc(2);
    sync(a, b);
    runOperation(a, createPaymentSchedule, { creatorId: id }, context('Ann'));
    runOperation(b, createPaymentSchedule, { creatorId: id }, context('Tom', 'b'));
    sync(a, b);
    expect(creatorOf(a, id).payments.ledger).toHaveLength(2);
    expect(runOperation(a, createPaymentSchedule, { creatorId: id }, context())).toEqual({ ok: true, created: 0 });
  });
});

describe('Payment status from the ledger', () => {
  const fee = { amount: 3000, currency: 'EUR' };

  it('is Not paid, Pre-payment made, 50% paid or Paid fully by the paid share of the fee', () => {
    expect(statusFromLedger([due(3000)], fee)).toBe(PAYMENT_STATUS.notPaid);
    expect(statusFromLedger([paid(1000), due(2000)], fee)).toBe(PAYMENT_STATUS.prePayment);
    expect(statusFromLedger([paid(1500), due(1500)], fee)).toBe(PAYMENT_STATUS.half);
    expect(statusFromLedger([paid(1500), paid(1499.99)], fee)).toBe(PAYMENT_STATUS.half);
    expect(statusFromLedger([paid(1500), paid(1500)], fee)).toBe(PAYMENT_STATUS.full);
    expect(statusFromLedger([paid(4000)], fee)).toBe(PAYMENT_STATUS.full);
  });

  it('counts only payments in the fee’s currency, and with no fee compares with the ledger itself', () => {
    expect(statusFromLedger([paid(3000, 'USD'), due(3000)], fee)).toBe(PAYMENT_STATUS.notPaid);
    expect(statusFromLedger([paid(500), due(500)], null)).toBe(PAYMENT_STATUS.half);
    expect(statusFromLedger([paid(500)], null)).toBe(PAYMENT_STATUS.full);
  });

  it('says nothing for an empty ledger: the status set by hand stands, as before the ledger', () => {
    expect(statusFromLedger([], fee)).toBeNull();
    const { doc, id } = boardWithCreator();
    runOperation(
      doc,
      setStatus,
      { creatorIds: [id], group: 'payment', statusId: 'payment.payment-pending' },
      context(),
    );
    expect(creatorOf(doc, id).statuses.payment).toBe('payment.payment-pending');
    expect(creatorOf(doc, id).payments.override).toBeNull();
  });

  it('follows the ledger on the board: recording and paying payments moves the creator', () => {
    const { doc, id } = boardWithCreator();
    const ctx = context();
    runOperation(
      doc,
      recordPayment,
      { creatorId: id, paymentId: 'p1', payment: { amount: 1500, dueDate: '2026-12-01' } },
      ctx,
    );
    expect(creatorOf(doc, id).statuses.payment).toBe(PAYMENT_STATUS.notPaid);
    runOperation(doc, markPaymentPaid, { creatorId: id, paymentId: 'p1', paidDate: '2026-12-02' }, ctx);
    expect(creatorOf(doc, id).statuses.payment).toBe(PAYMENT_STATUS.half);
    expect(creatorOf(doc, id).payments.progress).toMatchObject({ paid: 1500, total: 3000, currency: 'EUR' });
    runOperation(doc, deletePayment, { creatorId: id, paymentId: 'p1' }, ctx);
    expect(creatorOf(doc, id).statuses.payment).toBe('payment.not-paid');
  });

  it('keeps both of two payments recorded at once, one of them offline, and the status counts both', () => {
    const a = newDoc(1);
    const { id } = boardWithCreator(a);
    const b = newDoc(2);
    sync(a, b);
    runOperation(
      a,
      recordPayment,
      { creatorId: id, payment: { amount: 1000, paidDate: '2026-12-01' } },
      context('Ann'),
    );
    runOperation(
      b,
      recordPayment,
      { creatorId: id, payment: { amount: 2000, paidDate: '2026-12-02' } },
      context('Tom', 'b'),
    );
    expect(creatorOf(a, id).statuses.payment).toBe(PAYMENT_STATUS.prePayment);
    expect(creatorOf(b, id).statuses.payment).toBe(PAYMENT_STATUS.half);
    sync(a, b);
    for (const doc of [a, b]) {
      expect(
        creatorOf(doc, id)
          .payments.ledger.map((p) => p.amount)
          .sort(),
      ).toEqual([1000, 2000]);
      expect(creatorOf(doc, id).statuses.payment).toBe(PAYMENT_STATUS.full);
    }
  });

  it('lets a card move set the status by hand, shown with who, and a move to the computed one clears it', () => {
    const { doc, id } = boardWithCreator();
    runOperation(
      doc,
      recordPayment,
      { creatorId: id, paymentId: 'p1', payment: { amount: 1500, paidDate: '2026-12-02' } },
      context(),
    );
    runOperation(doc, moveCreator, { creatorId: id, group: 'payment', statusId: PAYMENT_STATUS.full }, context('Tom'));
    let creator = creatorOf(doc, id);
    expect(creator.statuses.payment).toBe(PAYMENT_STATUS.full);
    expect(creator.payments.override).toMatchObject({ statusId: PAYMENT_STATUS.full, by: 'Tom' });
    expect(creator.payments.computedStatusId).toBe(PAYMENT_STATUS.half);
    runOperation(doc, moveCreator, { creatorId: id, group: 'payment', statusId: PAYMENT_STATUS.half }, context());
    creator = creatorOf(doc, id);
    expect(creator.payments.override).toBeNull();
    runOperation(doc, setPaymentOverride, { creatorId: id, statusId: PAYMENT_STATUS.notPaid }, context('Tom'));
    expect(creatorOf(doc, id).statuses.payment).toBe(PAYMENT_STATUS.notPaid);
    runOperation(doc, setPaymentOverride, { creatorId: id, statusId: null }, context('Tom'));
    expect(creatorOf(doc, id).statuses.payment).toBe(PAYMENT_STATUS.half);
  });
});

describe('overdue rule', () => {
  it('flags an unpaid payment whose due date is before today; due today, paid or undated is not overdue', () => {
    expect(isOverdue({ paidDate: null, due: '2026-12-01' }, '2026-12-03')).toBe(true);
    expect(daysLate({ paidDate: null, due: '2026-12-01' }, '2026-12-03')).toBe(2);
    expect(isOverdue({ paidDate: null, due: '2026-12-03' }, '2026-12-03')).toBe(false);
    expect(isOverdue({ paidDate: '2026-12-02', due: '2026-12-01' }, '2026-12-03')).toBe(false);
    expect(isOverdue({ paidDate: null, due: null }, '2026-12-03')).toBe(false);
    expect(daysLate({ paidDate: null, due: '2026-12-28' }, '2027-01-02')).toBe(5);
  });
});

describe('reading payments a foreign client wrote', () => {
  it('skips payments without a positive amount and installments with an unknown trigger', () => {
    const { doc, id } = boardWithCreator();
    const cells = boardTypes(doc).cells;
    cells.set(`${id}:payments:x1`, { amount: -5, currency: 'EUR' });
    cells.set(`${id}:payments:x2`, 'junk');
    cells.set(`${id}:payments:x3`, { amount: 10, currency: 'eur', dueDate: '2026-02-30' });
    cells.set(`${id}:paymentTerms`, { installments: [{ percent: 100, trigger: 'whenever', netDays: 0 }] });
    const payments = creatorOf(doc, id).payments;
    expect(payments.ledger.map((p) => [p.id, p.amount, p.currency, p.due])).toEqual([['x3', 10, 'EUR', null]]);
    expect(payments.terms).toBeNull();
  });
});
