import { cellsOf } from '../creators/creatorCells.ts';
import { readFee } from '../creators/fees.ts';
import type { BoardTypes } from '../document/boardTypes.ts';
import { INITIAL_STATUS } from '../statuses/status.ts';
import { readCreatorPayments, shownPaymentStatus } from './readPayments.ts';

/**
 * The Payment status id a creator's card shows (override, else the ledger's, else the one set by
 * hand), read from that creator's cells alone — what readBoard shows, before archived statuses
 * are re-routed. For the server's webhooks, which must not read the whole board on every change.
 */
export function shownPaymentStatusOf(types: BoardTypes, creatorId: string): string {
  const cells = cellsOf(types, creatorId);
  const stored = typeof cells.values.payment === 'string' ? cells.values.payment : INITIAL_STATUS.payment;
  return shownPaymentStatus(readCreatorPayments(cells, readFee(cells.values.fee)), stored);
}
