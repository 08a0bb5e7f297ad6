/**
 * The cells of a creator's deal (issue 12; names agreed in notes/issue12-plan.md, documented in
 * docs/board-format.md "Deal"). Each is its own cell, and each deliverable its own member, so two
 * people editing different deliverables, or the usage rights and the contract link of one deal,
 * write different keys and both keep their edits, offline too. The fee is the existing `fee` cell.
 *
 *   `<creatorId>:deliverables:<deliverableId>` → { platform, format, count, dueDate, briefUrl, order }
 *   `<creatorId>:usageRights` | `exclusivity`  → { text, from, until } | null
 *   `<creatorId>:contractUrl`                  → http(s) URL | null
 *   `<creatorId>:contractFile`                 → { fileId, name, size, type } | null
 *   `<creatorId>:contractSentAt` | `contractSignedAt` → 'YYYY-MM-DD' | null
 *   `<creatorId>:contractAcceptance`           → { name, date, at, linkId } | null
 *
 * No imports: creatorFields.ts reads these lists to recognise the cells.
 */
export const DEAL_SCALARS = [
  'usageRights',
  'exclusivity',
  'contractUrl',
  'contractFile',
  'contractSentAt',
  'contractSignedAt',
  'contractAcceptance',
] as const;
export type DealScalar = (typeof DEAL_SCALARS)[number];

export const DEAL_KEYED = ['deliverables'] as const;

/** Field names as people read them (history, errors). */
export const DEAL_LABELS: Record<string, string> = {
  deliverables: 'Deliverables',
  usageRights: 'Usage rights',
  exclusivity: 'Exclusivity',
  contractUrl: 'Contract link',
  contractFile: 'Contract document',
  contractSentAt: 'Contract sent',
  contractSignedAt: 'Contract signed',
  contractAcceptance: 'Acceptance',
};

/** The most deliverables one deal may have (a campaign's posts for one creator, with room to spare). */
export const MAX_DELIVERABLES = 50;
/** The longest usage-rights or exclusivity text. */
export const MAX_TERMS_TEXT = 2000;
/** The largest contract document the server keeps (the file store's own limit may be lower). */
export const MAX_CONTRACT_BYTES = 20 * 1024 * 1024;
