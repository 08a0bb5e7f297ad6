import { z } from 'zod';
import { defineOperation, refuse, type OperationContext } from '../../operations/operation.ts';
import { parseInput } from '../../problem.ts';
import { appendActivity, randomId } from '../activity/activity.ts';
import { cellsOf, creatorExists, creatorName } from '../creators/creatorCells.ts';
import { fieldKey, memberKey } from '../creators/creatorFields.ts';
import { boardTypes, getCell, type BoardTypes } from '../document/boardTypes.ts';
import { rankBetween } from '../document/rank.ts';
import { currentStatus, writeStatuses } from '../statuses/creatorStatuses.ts';
import { builtInStatusId } from '../statuses/status.ts';
import {
  dealDateSchema,
  dealUrlSchema,
  deliverableInputSchema,
  fileRefSchema,
  termsSchema,
  type Deliverable,
} from './deal.ts';
import { DEAL_LABELS, MAX_DELIVERABLES, type DealScalar } from './dealFields.ts';
import { readDeal, readDeliverable } from './readDeal.ts';

const idSchema = z.string().min(1).max(64);

export const CONTRACT_SENT = builtInStatusId('contract', 'Contract sent');
export const CONTRACT_SIGNED = builtInStatusId('contract', 'Contract signed');

const CREATOR_GONE = 'That creator is no longer on the board.';
const DELIVERABLE_GONE = 'That deliverable is no longer part of the deal.';

/** What a deliverable reads as in the activity history ("2 × Instagram Reel, due 2026-06-01"). */
function describeDeliverable(d: Pick<Deliverable, 'count' | 'platform' | 'format' | 'dueDate'> | null): string {
  if (!d) return '';
  return `${d.count} × ${d.platform} ${d.format}${d.dueDate ? `, due ${d.dueDate}` : ''}`;
}

function record(types: BoardTypes, creatorId: string, field: string, from: string, to: string, ctx: OperationContext) {
  appendActivity([{ creatorId, creatorName: creatorName(types, creatorId), kind: 'field', field, from, to }], ctx);
}

/** Adds a deliverable at the end of a creator's deal. */
export const addDeliverable = defineOperation({
  name: 'addDeliverable',
  action: 'board.edit',
  input: z.object({
    creatorId: idSchema,
    /** What is to be posted. */
    deliverable: deliverableInputSchema,
  }),
  failures: {
    creator_not_found: CREATOR_GONE,
    too_many: `A deal has at most ${MAX_DELIVERABLES} deliverables.`,
  },
  run(doc, { creatorId, deliverable }, ctx) {
    const types = boardTypes(doc);
    if (!creatorExists(types, creatorId)) return refuse('creator_not_found');
    const existing = readDeal(cellsOf(types, creatorId)).deliverables;
    if (existing.length >= MAX_DELIVERABLES) return refuse('too_many');
    const id = (ctx.newId ?? randomId)();
    const order = existing.reduce((max, d) => Math.max(max, d.order), 0) + 1;
    const value = { ...deliverable, order };
    doc.transact(() => {
      types.cells.set(memberKey(creatorId, 'deliverables', id), value);
      record(types, creatorId, 'deliverables', '', describeDeliverable(value), ctx);
    }, ctx.origin);
    return { ok: true, id };
  },
});

/**
 * Changes fields of one deliverable. Only that deliverable's cell is written: a teammate editing
 * another deliverable, or another part of the deal, keeps their edit.
 */
export const updateDeliverable = defineOperation({
  name: 'updateDeliverable',
  action: 'board.edit',
  input: z.object({
    creatorId: idSchema,
    deliverableId: idSchema,
    /** The fields to change. */
    patch: z.custom<Partial<z.input<typeof deliverableInputSchema>>>(
      (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
      { message: 'must be a set of deliverable fields' },
    ),
  }),
  failures: { creator_not_found: CREATOR_GONE, deliverable_not_found: DELIVERABLE_GONE },
  run(doc, { creatorId, deliverableId, patch }, ctx) {
    const types = boardTypes(doc);
    if (!creatorExists(types, creatorId)) return refuse('creator_not_found');
    const key = memberKey(creatorId, 'deliverables', deliverableId);
    const current = readDeliverable(deliverableId, types.cells.get(key));
    if (!current) return refuse('deliverable_not_found');
    const { id: _id, order, ...fields } = current;
    const parsed = parseInput(deliverableInputSchema, { ...fields, ...patch });
    if (!parsed.ok) return parsed;
    const next = { ...parsed.value, order };
    if (JSON.stringify(next) === JSON.stringify({ ...fields, order })) return { ok: true };
    doc.transact(() => {
      types.cells.set(key, next);
      record(types, creatorId, 'deliverables', describeDeliverable(current), describeDeliverable(next), ctx);
    }, ctx.origin);
    return { ok: true };
  },
});

/** Removes a deliverable from a creator's deal (removing one already gone is no change). */
export const removeDeliverable = defineOperation({
  name: 'removeDeliverable',
  action: 'board.edit',
  input: z.object({ creatorId: idSchema, deliverableId: idSchema }),
  failures: { creator_not_found: CREATOR_GONE },
  run(doc, { creatorId, deliverableId }, ctx) {
    const types = boardTypes(doc);
    if (!creatorExists(types, creatorId)) return refuse('creator_not_found');
    const key = memberKey(creatorId, 'deliverables', deliverableId);
    if (!types.cells.has(key)) return { ok: true };
    const before = readDeliverable(deliverableId, types.cells.get(key));
    doc.transact(() => {
      types.cells.deleteMany(new Set([key]));
      record(types, creatorId, 'deliverables', describeDeliverable(before), '', ctx);
    }, ctx.origin);
    return { ok: true };
  },
});

/** The deal's single-valued parts; each given one is written to its own cell, `null` clears it. */
export const dealTermsPatchSchema = z
  .object({
    usageRights: termsSchema.nullable(),
    exclusivity: termsSchema.nullable(),
    contractUrl: dealUrlSchema.nullable(),
    contractFile: fileRefSchema.nullable(),
    contractSentAt: dealDateSchema.nullable(),
    contractSignedAt: dealDateSchema.nullable(),
  })
  .partial()
  .strict();
export type DealTermsPatch = z.input<typeof dealTermsPatchSchema>;

/** What a term reads as in the activity history. */
function shown(field: DealScalar, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (field === 'contractFile') return (value as { name: string }).name;
  const terms = value as { text?: string; from?: string | null; until?: string | null };
  const period = terms.from || terms.until ? ` (${terms.from ?? '…'} – ${terms.until ?? '…'})` : '';
  return `${terms.text ?? ''}${period}`.slice(0, 200);
}

/**
 * Sets parts of a creator's deal: usage rights, exclusivity, the contract's link or document and
 * its sent/signed dates. Only the parts given are written, each to its own cell. A refused value
 * names its part as `field` (`usageRights`, `contractUrl`).
 */
export const setDealTerms = defineOperation({
  name: 'setDealTerms',
  action: 'board.edit',
  input: z.object({
    creatorId: idSchema,
    /** The parts to change; checked part by part in `run`, so a problem names the part. */
    patch: z.custom<DealTermsPatch>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), {
      message: 'must be a set of deal terms',
    }),
  }),
  failures: { creator_not_found: CREATOR_GONE },
  run(doc, { creatorId, patch }, ctx) {
    const types = boardTypes(doc);
    if (!creatorExists(types, creatorId)) return refuse('creator_not_found');
    const parsed = parseInput(dealTermsPatchSchema, patch, DEAL_LABELS);
    if (!parsed.ok) return parsed;
    const current = readDeal(cellsOf(types, creatorId)) as unknown as Record<DealScalar, unknown>;
    const changed = (Object.entries(parsed.value) as [DealScalar, unknown][]).filter(
      ([field, value]) => JSON.stringify(normalise(value)) !== JSON.stringify(normalise(current[field])),
    );
    if (changed.length === 0) return { ok: true };
    doc.transact(() => {
      types.cells.setMany(new Map(changed.map(([field, value]) => [fieldKey(creatorId, field), value ?? null])));
      for (const [field, value] of changed)
        record(types, creatorId, field, shown(field, current[field]), shown(field, value), ctx);
    }, ctx.origin);
    return { ok: true };
  },
});

/** Terms with empty text and no dates are no terms. */
function normalise(value: unknown): unknown {
  if (value && typeof value === 'object' && 'text' in value) {
    const terms = value as { text: string; from: string | null; until: string | null };
    return terms.text || terms.from || terms.until ? terms : null;
  }
  return value ?? null;
}

/** Which contract step a status is: moving there needs a document and a date. */
export function contractStep(statusId: string): 'sent' | 'signed' | null {
  return statusId === CONTRACT_SENT ? 'sent' : statusId === CONTRACT_SIGNED ? 'signed' : null;
}

/**
 * Moves creators to Contract sent or Contract signed with what that step needs, in one change
 * (one undo step): the contract link or document of those who had none, and the step's date for
 * those without one (Contract signed also fills a missing sent date with it). A creator still
 * without a document is refused, naming them. `afterId`/`beforeId` place a single creator in its
 * kanban column, as moveCreator does.
 */
export const moveContract = defineOperation({
  name: 'moveContract',
  action: 'board.edit',
  input: z.object({
    creatorIds: z.array(idSchema).min(1).max(500),
    /** `contract.contract-sent` or `contract.contract-signed`. */
    statusId: z.enum([CONTRACT_SENT, CONTRACT_SIGNED], { message: 'must be Contract sent or Contract signed' }),
    /** The date recorded for the step where none is set, `YYYY-MM-DD`. */
    date: dealDateSchema,
    /** Contract links or documents for creators that have none yet. */
    contracts: z
      .array(
        z.object({
          creatorId: idSchema,
          contractUrl: dealUrlSchema.nullable().default(null),
          contractFile: fileRefSchema.nullable().default(null),
        }),
      )
      .max(500)
      .default([]),
    afterId: idSchema.nullable().optional(),
    beforeId: idSchema.nullable().optional(),
  }),
  failures: {
    creator_not_found: 'Some of these creators are no longer on the board.',
    document_missing: 'Attach or link the contract of {name} first.',
  },
  run(doc, { creatorIds, statusId, date, contracts, afterId, beforeId }, ctx) {
    const types = boardTypes(doc);
    if (creatorIds.some((id) => !creatorExists(types, id))) return refuse('creator_not_found');
    const given = new Map(contracts.map((c) => [c.creatorId, c]));
    const writes = new Map<string, unknown>();
    const changes: [string, DealScalar, string, string][] = [];
    for (const id of creatorIds) {
      const deal = readDeal(cellsOf(types, id));
      const contract = given.get(id);
      const hasDocument = deal.contractUrl || deal.contractFile || contract?.contractUrl || contract?.contractFile;
      if (!hasDocument) return refuse('document_missing', { values: { name: creatorName(types, id) } });
      if (contract?.contractUrl && contract.contractUrl !== deal.contractUrl) {
        writes.set(fieldKey(id, 'contractUrl'), contract.contractUrl);
        changes.push([id, 'contractUrl', deal.contractUrl ?? '', contract.contractUrl]);
      }
      if (contract?.contractFile && contract.contractFile.fileId !== deal.contractFile?.fileId) {
        writes.set(fieldKey(id, 'contractFile'), contract.contractFile);
        changes.push([id, 'contractFile', deal.contractFile?.name ?? '', contract.contractFile.name]);
      }
      if (!deal.contractSentAt) {
        writes.set(fieldKey(id, 'contractSentAt'), date);
        changes.push([id, 'contractSentAt', '', date]);
      }
      if (statusId === CONTRACT_SIGNED && !deal.contractSignedAt) {
        writes.set(fieldKey(id, 'contractSignedAt'), date);
        changes.push([id, 'contractSignedAt', '', date]);
      }
    }
    const moves = creatorIds.filter((id) => currentStatus(types, id, 'contract') !== statusId);
    const rankOf = (id: string | null | undefined) => {
      const rank = id ? getCell(types, id, 'rank') : null;
      return typeof rank === 'string' ? rank : null;
    };
    const placed = creatorIds.length === 1 && (afterId !== undefined || beforeId !== undefined);
    doc.transact(() => {
      if (writes.size) types.cells.setMany(writes);
      for (const [id, field, from, to] of changes) record(types, id, field, from, to, ctx);
      writeStatuses(types, moves, 'contract', statusId, ctx);
      if (placed) types.cells.set(fieldKey(creatorIds[0]!, 'rank'), rankBetween(rankOf(afterId), rankOf(beforeId)));
    }, ctx.origin);
    return { ok: true, changed: moves.length };
  },
});

/**
 * Records a creator's acceptance of the terms through an acceptance link and moves them to
 * Contract signed, with the acceptance date as signed date (and sent date, when missing). Applied
 * by the server for the link (never by a board page), once: a second acceptance is refused.
 */
export const acceptDeal = defineOperation({
  name: 'acceptDeal',
  action: 'board.edit',
  input: z.object({
    creatorId: idSchema,
    /** The acceptance link it came through. */
    linkId: idSchema,
    /** The name the creator typed. */
    name: z.string().trim().min(1, { message: 'is required' }).max(120),
    /** The date the creator gave. */
    date: dealDateSchema,
  }),
  failures: {
    creator_not_found: CREATOR_GONE,
    already_accepted: 'These terms were already accepted.',
  },
  run(doc, { creatorId, linkId, name, date }, ctx) {
    const types = boardTypes(doc);
    if (!creatorExists(types, creatorId) || getCell(types, creatorId, 'removed') === true)
      return refuse('creator_not_found');
    const deal = readDeal(cellsOf(types, creatorId));
    if (deal.contractAcceptance) return refuse('already_accepted');
    const acceptance = { name, date, at: ctx.now, linkId };
    doc.transact(() => {
      const writes = new Map<string, unknown>([[fieldKey(creatorId, 'contractAcceptance'), acceptance]]);
      if (!deal.contractSignedAt) writes.set(fieldKey(creatorId, 'contractSignedAt'), date);
      if (!deal.contractSentAt) writes.set(fieldKey(creatorId, 'contractSentAt'), date);
      types.cells.setMany(writes);
      record(types, creatorId, 'contractAcceptance', '', `${name}, ${date}`, ctx);
      if (currentStatus(types, creatorId, 'contract') !== CONTRACT_SIGNED)
        writeStatuses(types, [creatorId], 'contract', CONTRACT_SIGNED, ctx);
    }, ctx.origin);
    return { ok: true };
  },
});
