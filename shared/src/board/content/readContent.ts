import { isRecord } from '../document/guards.ts';
import type { CreatorCells } from '../creators/creatorFields.ts';
import { number } from '../creators/readProfile.ts';
import type { FileRef } from '../deals/deal.ts';
import { DRAFT_DECISIONS, type CreatorContent, type Draft, type DraftComment, type DraftDecision } from './content.ts';
import { MAX_COMMENT_LENGTH, MAX_DRAFT_COMMENTS, MAX_DRAFTS } from './contentFields.ts';

const EMPTY: CreatorContent = { drafts: [], comments: [] };

/**
 * A creator's drafts and comments from its cells, repaired like every reader: a draft with neither
 * a link nor a file, or without a deliverable, is skipped; a `javascript:` link is no link.
 */
export function readContent(cells: CreatorCells): CreatorContent {
  const draftMembers = cells.members.drafts;
  const commentMembers = cells.members.draftComments;
  if (!draftMembers?.size && !commentMembers?.size) return EMPTY;
  const drafts: Draft[] = [];
  for (const [id, value] of draftMembers ?? []) {
    const draft = readDraft(id, value);
    if (draft) drafts.push(draft);
  }
  drafts.sort(
    (a, b) =>
      (a.deliverableId < b.deliverableId ? -1 : a.deliverableId > b.deliverableId ? 1 : 0) ||
      b.version - a.version ||
      b.submittedAt - a.submittedAt ||
      (a.id < b.id ? -1 : 1),
  );
  const comments: DraftComment[] = [];
  for (const [id, value] of commentMembers ?? []) {
    const comment = readComment(id, value);
    if (comment) comments.push(comment);
  }
  comments.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { drafts: drafts.slice(0, MAX_DRAFTS * 2), comments: comments.slice(-MAX_DRAFT_COMMENTS * 2) };
}

export function readDraft(id: string, value: unknown): Draft | null {
  if (!isRecord(value) || !id) return null;
  const deliverableId = typeof value.deliverableId === 'string' ? value.deliverableId.slice(0, 64) : '';
  const url = webUrl(value.url);
  const file = readFileRef(value.file);
  if (!deliverableId || (!url && !file)) return null;
  const decision = DRAFT_DECISIONS.includes(value.decision as DraftDecision)
    ? (value.decision as DraftDecision)
    : 'pending';
  return {
    id: id.slice(0, 64),
    deliverableId,
    version: Math.max(1, Math.round(number(value.version, 1, 10_000) ?? 1)),
    url,
    file,
    submittedAt: number(value.submittedAt, 0, 1e15) ?? 0,
    submittedBy: text(value.submittedBy, 120),
    decision,
    decidedBy: decision === 'pending' ? null : text(value.decidedBy, 120) || null,
    decidedAt: decision === 'pending' ? null : (number(value.decidedAt, 0, 1e15) ?? null),
  };
}

function readComment(id: string, value: unknown): DraftComment | null {
  if (!isRecord(value) || !id) return null;
  const draftId = typeof value.draftId === 'string' ? value.draftId.slice(0, 64) : '';
  const body = text(value.body, MAX_COMMENT_LENGTH);
  if (!draftId || !body) return null;
  return {
    id: id.slice(0, 64),
    draftId,
    body,
    author: text(value.author, 120) || 'Someone',
    byClient: value.byClient === true,
    at: number(value.at, 0, 1e15) ?? 0,
  };
}

function text(value: unknown, max: number): string {
  return typeof value === 'string' ? value.slice(0, max) : '';
}

function webUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2000) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? value : null;
  } catch {
    return null;
  }
}

function readFileRef(value: unknown): FileRef | null {
  if (!isRecord(value) || typeof value.fileId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(value.fileId)) return null;
  return {
    fileId: value.fileId,
    name: typeof value.name === 'string' && value.name ? value.name.slice(0, 200) : 'draft',
    size: number(value.size, 0, 1e10) ?? 0,
    type: typeof value.type === 'string' ? value.type.slice(0, 120) : '',
  };
}
