import { cellsByCreator, cellsOf, legacyProfile } from '../creators/creatorCells.ts';
import { profileFromCells } from '../creators/creatorFields.ts';
import { readFee } from '../creators/fees.ts';
import type { BoardTypes } from '../document/boardTypes.ts';
import { readCreatorPayments, type CreatorPayments } from './readPayments.ts';

/** A creator on the board with at least one payment in the ledger. */
export interface CreatorLedger {
  creatorId: string;
  name: string;
  payments: CreatorPayments;
}

/**
 * The ledgers of a board's creators (on the board, not removed), or of some of them, as readBoard
 * reads them, without reading the rest of every creator: the server indexes payments when it
 * loads a board, and readBoard of a 20,000-creator board held its event loop for ~0.5 s (and
 * kept the whole board's objects in memory beside the document).
 */
export function readLedgers(types: BoardTypes, creatorIds?: ReadonlySet<string>): CreatorLedger[] {
  const candidates: Iterable<[string, ReturnType<typeof cellsOf>]> = creatorIds
    ? [...creatorIds].map((id) => [id, cellsOf(types, id)])
    : cellsByCreator(types);
  const ledgers: CreatorLedger[] = [];
  for (const [creatorId, cells] of candidates) {
    if (!cells.members.payments?.size || cells.values.removed === true) continue;
    const legacy = legacyProfile(types, creatorId);
    if (!legacy && !('name' in cells.values)) continue;
    const payments = readCreatorPayments(cells, readFee(cells.values.fee));
    if (payments.ledger.length === 0) continue;
    ledgers.push({ creatorId, name: profileFromCells(cells, legacy).name, payments });
  }
  return ledgers;
}
