import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCreators,
  boardTypes,
  readBoard,
  readLedgers,
  recordPayment,
  removeCreators,
  runOperation,
  setFee,
} from '../../index.ts';
import { context } from '../testing.ts';

/** Four creators: two with payments, one of them later removed, one with a fee only, one with nothing. */
function boardWithLedgers(): { doc: Y.Doc; ids: string[] } {
  const doc = new Y.Doc();
  const ctx = context();
  const added = runOperation(
    doc,
    addCreators,
    { creators: ['Ada', 'Ben', 'Cy', 'Dee'].map((name) => ({ name })) },
    ctx,
  );
  if (!added.ok) throw new Error(added.error.message);
  const ids = added.ids;
  for (const id of ids.slice(0, 3))
    runOperation(doc, setFee, { creatorId: id, fee: { amount: 1000, currency: 'EUR' } }, ctx);
  for (const [id, paymentId] of [
    [ids[0]!, 'first'],
    [ids[0]!, 'second'],
    [ids[1]!, 'only'],
  ] as const)
    runOperation(
      doc,
      recordPayment,
      { creatorId: id, paymentId, payment: { amount: 500, dueDate: '2026-12-10' } },
      ctx,
    );
  runOperation(doc, removeCreators, { creatorIds: [ids[1]!] }, ctx);
  return { doc, ids };
}

/** What readBoard says of the same creators: the reference readLedgers must agree with. */
function ledgersOfReadBoard(doc: Y.Doc) {
  return readBoard(doc)
    .creators.filter((c) => c.payments.ledger.length > 0)
    .map((c) => ({ creatorId: c.id, name: c.name, payments: c.payments }));
}

describe('readLedgers', () => {
  it('reads the ledgers of the creators on the board exactly as readBoard does, leaving out removed creators and empty ledgers', () => {
    const { doc, ids } = boardWithLedgers();
    const ledgers = readLedgers(boardTypes(doc));
    expect(ledgers.map((l) => l.creatorId)).toEqual([ids[0]]);
    expect(ledgers).toEqual(ledgersOfReadBoard(doc));
  });

  it('reads only the creators asked for', () => {
    const { doc, ids } = boardWithLedgers();
    expect(readLedgers(boardTypes(doc), new Set([ids[2]!, ids[3]!]))).toEqual([]);
    expect(readLedgers(boardTypes(doc), new Set([ids[0]!])).map((l) => l.payments.ledger.map((p) => p.id))).toEqual([
      ['first', 'second'],
    ]);
  });
});
