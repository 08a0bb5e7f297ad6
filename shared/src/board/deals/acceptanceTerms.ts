import type * as Y from 'yjs';
import { isRecord } from '../document/guards.ts';
import { boardTypes } from '../document/boardTypes.ts';
import { readBoard } from '../document/readBoard.ts';
import type { Fee } from '../creators/creator.ts';
import { isDealDate, type ContractAcceptance, type DealTerms, type Deliverable } from './deal.ts';

/** One instalment of the payment terms as the acceptance page shows it (helper "payments" owns the cell). */
export interface AcceptanceInstallment {
  percent: number;
  trigger: 'signing' | 'posting' | 'date';
  netDays: number;
  date: string | null;
}

/**
 * What a creator sees through an acceptance link: their own deal and nothing else of the board —
 * no other creator, no statuses, notes, metrics or team members.
 */
export interface AcceptanceTerms {
  creatorName: string;
  fee: Fee | null;
  deliverables: Omit<Deliverable, 'order'>[];
  paymentTerms: AcceptanceInstallment[] | null;
  usageRights: DealTerms | null;
  exclusivity: DealTerms | null;
  contractUrl: string | null;
  contractFile: { fileId: string; name: string; size: number } | null;
  acceptance: ContractAcceptance | null;
}

/** The terms of one creator for their acceptance page; null when the creator is gone or removed. */
export function acceptanceTerms(doc: Y.Doc, creatorId: string): AcceptanceTerms | null {
  const creator = readBoard(doc).creators.find((c) => c.id === creatorId);
  if (!creator) return null;
  const { deal } = creator;
  return {
    creatorName: creator.name,
    fee: creator.fee,
    deliverables: deal.deliverables.map(({ order: _, ...rest }) => rest),
    paymentTerms: readPaymentTerms(boardTypes(doc).cells.get(`${creatorId}:paymentTerms`)),
    usageRights: deal.usageRights,
    exclusivity: deal.exclusivity,
    contractUrl: deal.contractUrl,
    contractFile: deal.contractFile
      ? { fileId: deal.contractFile.fileId, name: deal.contractFile.name, size: deal.contractFile.size }
      : null,
    acceptance: deal.contractAcceptance,
  };
}

/** The `paymentTerms` cell (notes/issue12-plan.md), read defensively; null when unset or unreadable. */
function readPaymentTerms(value: unknown): AcceptanceInstallment[] | null {
  if (!isRecord(value) || !Array.isArray(value.installments)) return null;
  const installments: AcceptanceInstallment[] = [];
  for (const item of value.installments.slice(0, 12)) {
    if (!isRecord(item)) continue;
    const { percent, trigger, netDays, date } = item;
    if (typeof percent !== 'number' || !Number.isFinite(percent) || percent <= 0 || percent > 100) continue;
    if (trigger !== 'signing' && trigger !== 'posting' && trigger !== 'date') continue;
    installments.push({
      percent,
      trigger,
      netDays: typeof netDays === 'number' && netDays >= 0 && netDays <= 365 ? Math.round(netDays) : 0,
      date: typeof date === 'string' && isDealDate(date) ? date : null,
    });
  }
  return installments.length ? installments : null;
}

/** "50% on signing", "50% net 30 after posting", "25% on 2026-07-01". */
export function describeInstallment(installment: AcceptanceInstallment): string {
  const net = installment.netDays > 0 ? ` net ${installment.netDays}` : '';
  if (installment.trigger === 'date') return `${installment.percent}% on ${installment.date ?? 'a date to agree'}`;
  const when = installment.trigger === 'signing' ? 'signing' : 'posting';
  return net ? `${installment.percent}%${net} after ${when}` : `${installment.percent}% on ${when}`;
}
