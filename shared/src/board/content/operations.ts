import { z } from 'zod';
import { defineOperation, refuse, type OperationContext } from '../../operations/operation.ts';
import { appendActivity, randomId } from '../activity/activity.ts';
import { cellsOf, creatorExists, creatorName } from '../creators/creatorCells.ts';
import { memberKey } from '../creators/creatorFields.ts';
import { fileRefSchema } from '../deals/deal.ts';
import { readDeal } from '../deals/readDeal.ts';
import { boardTypes, getCell, type BoardTypes } from '../document/boardTypes.ts';
import { currentStatus, writeStatuses } from '../statuses/creatorStatuses.ts';
import { builtInStatusId } from '../statuses/status.ts';
import {
  commentBodySchema,
  DECISION_LABELS,
  draftUrlSchema,
  latestDrafts,
  LINK_ACTOR_PREFIX,
  type Draft,
} from './content.ts';
import { MAX_DRAFT_COMMENTS, MAX_DRAFTS } from './contentFields.ts';
import { readContent, readDraft } from './readContent.ts';

const idSchema = z.string().min(1).max(64);

export const WAITING_FOR_DRAFT = builtInStatusId('influencer', 'Waiting for draft');
export const DRAFT_APPROVED = builtInStatusId('influencer', 'Draft approved');

const CREATOR_GONE = 'That creator is no longer on the board.';
const DRAFT_GONE = 'That draft is no longer there.';

function record(types: BoardTypes, creatorId: string, field: string, from: string, to: string, ctx: OperationContext) {
  appendActivity([{ creatorId, creatorName: creatorName(types, creatorId), kind: 'field', field, from, to }], ctx);
}

function onBoard(types: BoardTypes, creatorId: string): boolean {
  return creatorExists(types, creatorId) && getCell(types, creatorId, 'removed') !== true;
}

/**
 * Submits a draft of a deliverable — a link (a private video, a shared folder) or an uploaded file
 * — as its next version, waiting for review.
 */
export const submitDraft = defineOperation({
  name: 'submitDraft',
  action: 'board.edit',
  input: z
    .object({
      creatorId: idSchema,
      /** The deliverable it is a draft of. */
      deliverableId: idSchema,
      /** A link to the draft, or null. */
      link: draftUrlSchema.nullable().default(null),
      /** An uploaded file (the file store's reference), or null. */
      file: fileRefSchema.nullable().default(null),
    })
    .refine((input) => input.link !== null || input.file !== null, {
      message: 'is required: paste a link or upload a file',
      path: ['link'],
    }),
  failures: {
    creator_not_found: CREATOR_GONE,
    deliverable_not_found: 'That deliverable is no longer part of the deal. Add it in the Deal section first.',
    too_many: `A creator has at most ${MAX_DRAFTS} draft versions.`,
  },
  run(doc, { creatorId, deliverableId, link: url, file }, ctx) {
    const types = boardTypes(doc);
    if (!onBoard(types, creatorId)) return refuse('creator_not_found');
    const cells = cellsOf(types, creatorId);
    if (!readDeal(cells).deliverables.some((d) => d.id === deliverableId)) return refuse('deliverable_not_found');
    const { drafts } = readContent(cells);
    if (drafts.length >= MAX_DRAFTS) return refuse('too_many');
    const version =
      drafts.filter((d) => d.deliverableId === deliverableId).reduce((max, d) => Math.max(max, d.version), 0) + 1;
    const id = (ctx.newId ?? randomId)();
    const draft = {
      deliverableId,
      version,
      url,
      file,
      submittedAt: ctx.now,
      submittedBy: ctx.actor.name,
      decision: 'pending',
      decidedBy: null,
      decidedAt: null,
    };
    doc.transact(() => {
      types.cells.set(memberKey(creatorId, 'drafts', id), draft);
      record(types, creatorId, 'drafts', '', `Version ${version}: ${file?.name ?? url}`, ctx);
    }, ctx.origin);
    return { ok: true, id, version };
  },
});

/**
 * Approves a draft or asks for changes, recording who decided and when (with an optional comment
 * in the same change). The Influencer status follows: once the latest draft of every deliverable
 * is approved the creator moves to Draft approved; asking for changes moves a creator at Draft
 * approved back to Waiting for draft. Only the latest version of a deliverable can be decided.
 */
export const decideDraft = defineOperation({
  name: 'decideDraft',
  action: 'board.edit',
  input: z.object({
    creatorId: idSchema,
    draftId: idSchema,
    /** What was decided. */
    decision: z.enum(['approved', 'changes_requested'], { message: 'must be approved or changes_requested' }),
    /** What to change, or a note with the approval (≤ 2000 characters). */
    comment: z
      .string()
      .trim()
      .max(2000, { message: 'must be at most 2000 characters' })
      .transform((value) => value || null)
      .nullish(),
  }),
  failures: {
    creator_not_found: CREATOR_GONE,
    draft_not_found: DRAFT_GONE,
    not_latest: 'A newer version of this draft was submitted: review that one.',
  },
  run(doc, { creatorId, draftId, decision, comment }, ctx) {
    const types = boardTypes(doc);
    if (!onBoard(types, creatorId)) return refuse('creator_not_found');
    const key = memberKey(creatorId, 'drafts', draftId);
    const draft = readDraft(draftId, types.cells.get(key));
    if (!draft) return refuse('draft_not_found');
    const cells = cellsOf(types, creatorId);
    const content = readContent(cells);
    if (latestDrafts(content.drafts).get(draft.deliverableId)?.id !== draft.id) return refuse('not_latest');
    const decided: Draft = { ...draft, decision, decidedBy: ctx.actor.name, decidedAt: ctx.now };
    const { id: _id, ...stored } = decided;
    // The statuses after this decision: every deliverable of the deal has a latest draft, approved.
    const latest = latestDrafts(content.drafts.map((d) => (d.id === draft.id ? decided : d)));
    const deliverables = readDeal(cells).deliverables;
    const allApproved = deliverables.length > 0 && deliverables.every((d) => latest.get(d.id)?.decision === 'approved');
    const status = currentStatus(types, creatorId, 'influencer');
    doc.transact(() => {
      const writes = new Map<string, unknown>([[key, stored]]);
      if (comment)
        writes.set(
          memberKey(creatorId, 'draftComments', (ctx.newId ?? randomId)()),
          commentValue(draftId, comment, ctx),
        );
      types.cells.setMany(writes);
      record(
        types,
        creatorId,
        'drafts',
        `Version ${draft.version}: ${DECISION_LABELS[draft.decision]}`,
        `Version ${draft.version}: ${DECISION_LABELS[decision]}`,
        ctx,
      );
      if (decision === 'approved' && allApproved && status !== DRAFT_APPROVED)
        writeStatuses(types, [creatorId], 'influencer', DRAFT_APPROVED, ctx);
      if (decision === 'changes_requested' && status === DRAFT_APPROVED)
        writeStatuses(types, [creatorId], 'influencer', WAITING_FOR_DRAFT, ctx);
    }, ctx.origin);
    return { ok: true };
  },
});

function commentValue(draftId: string, body: string, ctx: OperationContext) {
  return { draftId, body, author: ctx.actor.name, byClient: ctx.actor.id.startsWith(LINK_ACTOR_PREFIX), at: ctx.now };
}

/** Comments on a draft (a teammate, or a client through the review link). */
export const commentOnDraft = defineOperation({
  name: 'commentOnDraft',
  action: 'board.edit',
  input: z.object({
    creatorId: idSchema,
    draftId: idSchema,
    /** The comment, 1–2000 characters. */
    comment: commentBodySchema,
  }),
  failures: {
    creator_not_found: CREATOR_GONE,
    draft_not_found: DRAFT_GONE,
    too_many: `A creator's drafts have at most ${MAX_DRAFT_COMMENTS} comments.`,
  },
  run(doc, { creatorId, draftId, comment: body }, ctx) {
    const types = boardTypes(doc);
    if (!onBoard(types, creatorId)) return refuse('creator_not_found');
    if (!readDraft(draftId, types.cells.get(memberKey(creatorId, 'drafts', draftId)))) return refuse('draft_not_found');
    if (readContent(cellsOf(types, creatorId)).comments.length >= MAX_DRAFT_COMMENTS) return refuse('too_many');
    const id = (ctx.newId ?? randomId)();
    doc.transact(() => {
      types.cells.set(memberKey(creatorId, 'draftComments', id), commentValue(draftId, body, ctx));
    }, ctx.origin);
    return { ok: true, id };
  },
});

/** Removes a draft version and its comments (a wrong upload); the file stays in the store. */
export const removeDraft = defineOperation({
  name: 'removeDraft',
  action: 'board.edit',
  input: z.object({ creatorId: idSchema, draftId: idSchema }),
  failures: { creator_not_found: CREATOR_GONE },
  run(doc, { creatorId, draftId }, ctx) {
    const types = boardTypes(doc);
    if (!onBoard(types, creatorId)) return refuse('creator_not_found');
    const key = memberKey(creatorId, 'drafts', draftId);
    const draft = readDraft(draftId, types.cells.get(key));
    if (!draft) return { ok: true };
    const comments = readContent(cellsOf(types, creatorId))
      .comments.filter((c) => c.draftId === draftId)
      .map((c) => memberKey(creatorId, 'draftComments', c.id));
    doc.transact(() => {
      types.cells.deleteMany(new Set([key, ...comments]));
      record(types, creatorId, 'drafts', `Version ${draft.version}: ${draft.file?.name ?? draft.url}`, '', ctx);
    }, ctx.origin);
    return { ok: true };
  },
});
