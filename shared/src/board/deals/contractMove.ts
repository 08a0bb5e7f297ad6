import type { Creator } from '../creators/creator.ts';
import { contractStep } from './operations.ts';

/** What one creator lacks for a contract step. */
export interface ContractGap {
  creatorId: string;
  name: string;
  /** Neither a contract link nor a document. */
  document: boolean;
  /** No date for the step yet. */
  date: boolean;
}

/**
 * What moving creators to a contract status needs that they do not have: for Contract sent and
 * Contract signed, a contract (link or document) and the step's date. Null when the status is no
 * contract step or nothing is missing, so the move can go ahead as it is.
 */
export function contractMoveGaps(
  creators: readonly Pick<Creator, 'id' | 'name' | 'deal'>[],
  statusId: string,
): { step: 'sent' | 'signed'; gaps: ContractGap[] } | null {
  const step = contractStep(statusId);
  if (!step) return null;
  const gaps: ContractGap[] = [];
  for (const creator of creators) {
    const { contractUrl, contractFile, contractSentAt, contractSignedAt } = creator.deal;
    const document = !contractUrl && !contractFile;
    const date = step === 'sent' ? !contractSentAt : !contractSignedAt;
    if (document || date) gaps.push({ creatorId: creator.id, name: creator.name, document, date });
  }
  return gaps.length ? { step, gaps } : null;
}

/** Today in the viewer's calendar, `YYYY-MM-DD` (a contract dated today is today where it is signed). */
export function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
