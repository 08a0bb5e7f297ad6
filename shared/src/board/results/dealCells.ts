import type * as Y from 'yjs';
import { isRecord } from '../document/guards.ts';
import { boardTypes } from '../document/boardTypes.ts';
import { cellsOf } from '../creators/creatorCells.ts';

/**
 * What the report reads of other features' cells: the payments ledger (`payments:<id>`, owned by
 * board/payments) and the deal's deliverables (`deliverables:<id>`, owned by board/deals), in the
 * shapes of notes/issue12-plan.md. Only the fields the figures need are read, defensively: a
 * value that does not parse is skipped, never guessed.
 */

/** A payment of the ledger, as far as spend needs it. */
export interface LedgerPayment {
  creatorId: string;
  amount: number;
  currency: string;
  /** `YYYY-MM-DD` when paid; null while only scheduled. */
  paidDate: string | null;
}

/** A deliverable of a deal, as far as the report needs it. */
export interface DealDeliverable {
  creatorId: string;
  id: string;
  platform: string;
  format: string;
  count: number;
  dueDate: string | null;
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

/** Every deliverable of every deal (count 1–100). */
export function readDealDeliverables(doc: Y.Doc): DealDeliverable[] {
  const deliverables: DealDeliverable[] = [];
  for (const { creatorId, member, value } of keyedMembers(doc, 'deliverables')) {
    const read = deliverableOf(creatorId, member, value);
    if (read) deliverables.push(read);
  }
  return deliverables;
}

/**
 * One creator's deliverables, through the creator's grouped cells (no scan of the board): found
 * once the deals feature lists `deliverables` among the keyed fields; none before.
 */
export function readCreatorDeliverables(doc: Y.Doc, creatorId: string): DealDeliverable[] {
  const members = (cellsOf(boardTypes(doc), creatorId).members as Record<string, Map<string, unknown> | undefined>)
    .deliverables;
  const deliverables: DealDeliverable[] = [];
  for (const [member, value] of members ?? []) {
    const read = deliverableOf(creatorId, member, value);
    if (read) deliverables.push(read);
  }
  return deliverables;
}

function deliverableOf(creatorId: string, member: string, value: unknown): DealDeliverable | null {
  if (!isRecord(value)) return null;
  const count = value.count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 100) return null;
  return {
    creatorId,
    id: member,
    platform: typeof value.platform === 'string' ? value.platform.slice(0, 20) : 'other',
    format: typeof value.format === 'string' ? value.format.slice(0, 60) : '',
    count,
    dueDate: isDay(value.dueDate) ? value.dueDate : null,
  };
}
