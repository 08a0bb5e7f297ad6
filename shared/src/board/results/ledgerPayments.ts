import type * as Y from 'yjs';
import { isRecord } from '../document/guards.ts';
import { boardTypes } from '../document/boardTypes.ts';

/**
 * What the report reads of the payments ledger (`payments:<id>`, owned by board/payments) in the
 * shape of notes/issue12-plan.md, until that feature's own reader is on main. Only the fields the
 * figures need are read, defensively: a value that does not parse is skipped, never guessed.
 */

/** A payment of the ledger, as far as spend needs it. */
export interface LedgerPayment {
  creatorId: string;
  amount: number;
  currency: string;
  /** `YYYY-MM-DD` when paid; null while only scheduled. */
  paidDate: string | null;
}

/** Every member of a keyed list of every creator (`<creatorId>:<field>:<member>`), one pass over the cells. */
function keyedMembers(doc: Y.Doc, field: string): { creatorId: string; member: string; value: unknown }[] {
  const found: { creatorId: string; member: string; value: unknown }[] = [];
  const infix = `:${field}:`;
  for (const [key, entry] of boardTypes(doc).cells.map) {
    const at = key.indexOf(':');
    if (at < 1 || !key.startsWith(infix, at)) continue;
    const member = key.slice(at + infix.length);
    if (member) found.push({ creatorId: key.slice(0, at), member, value: entry.val });
  }
  return found;
}

const isDay = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);

/** Every payment of the board's ledger that has an amount and a currency. */
export function readLedgerPayments(doc: Y.Doc): LedgerPayment[] {
  const payments: LedgerPayment[] = [];
  for (const { creatorId, value } of keyedMembers(doc, 'payments')) {
    if (!isRecord(value)) continue;
    const { amount, currency, paidDate } = value;
    if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0 || amount > 1e12) continue;
    if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) continue;
    payments.push({ creatorId, amount, currency, paidDate: isDay(paidDate) ? paidDate : null });
  }
  return payments;
}
