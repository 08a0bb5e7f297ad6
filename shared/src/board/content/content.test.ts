import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addCreators,
  addDeliverable,
  commentOnDraft,
  decideDraft,
  readBoard,
  removeDraft,
  runOperation,
  setStatus,
  submitDraft,
  type Creator,
  type OperationContext,
} from '../../index.ts';
import { context, newDoc, sync } from '../testing.ts';
import { DRAFT_APPROVED, WAITING_FOR_DRAFT } from './operations.ts';

const file = { fileId: 'aaaaaaaaaaaaaaaa', name: 'reel-v1.mp4', size: 1200, type: 'video/mp4' };

function setup(deliverables = 1): { doc: Y.Doc; creatorId: string; deliverableIds: string[]; ctx: OperationContext } {
  const doc = newDoc(1);
  const ctx = context('Ann', 'a');
  const added = runOperation(doc, addCreators, { creators: [{ name: 'Mia' }] }, ctx);
  if (!added.ok) throw new Error(added.error.message);
  const creatorId = added.ids[0]!;
  const deliverableIds: string[] = [];
  for (let i = 0; i < deliverables; i++) {
    const d = runOperation(
      doc,
      addDeliverable,
      { creatorId, deliverable: { platform: 'instagram', format: `Reel ${i}`, count: 1 } },
      ctx,
    );
    if (!d.ok) throw new Error(d.error.message);
    deliverableIds.push(d.id);
  }
  runOperation(doc, setStatus, { creatorIds: [creatorId], group: 'influencer', statusId: WAITING_FOR_DRAFT }, ctx);
  return { doc, creatorId, deliverableIds, ctx };
}

const creator = (doc: Y.Doc, id: string): Creator => readBoard(doc).creators.find((c) => c.id === id)!;

function submit(
  doc: Y.Doc,
  creatorId: string,
  deliverableId: string,
  ctx: OperationContext,
  url: string | null = null,
) {
  const result = runOperation(doc, submitDraft, { creatorId, deliverableId, link: url, file: url ? null : file }, ctx);
  if (!result.ok) throw new Error(result.error.message);
  return result;
}

describe('drafts', () => {
  it('are versioned per deliverable and wait for review, naming who submitted them', () => {
    const { doc, creatorId, deliverableIds, ctx } = setup(2);
    submit(doc, creatorId, deliverableIds[0]!, ctx);
    const second = submit(doc, creatorId, deliverableIds[0]!, ctx, 'https://drive.example.com/v2');
    const other = submit(doc, creatorId, deliverableIds[1]!, ctx);
    expect(second.version).toBe(2);
    expect(other.version).toBe(1);
    const drafts = creator(doc, creatorId).content.drafts;
    expect(
      drafts.map((d) => [d.deliverableId === deliverableIds[0], d.version, d.decision, d.submittedBy]),
    ).toContainEqual([true, 2, 'pending', 'Ann']);
    expect(drafts).toHaveLength(3);
  });

  it('need a link or a file, and an http(s) link', () => {
    const { doc, creatorId, deliverableIds, ctx } = setup();
    const neither = runOperation(doc, submitDraft, { creatorId, deliverableId: deliverableIds[0]! }, ctx);
    expect(neither).toMatchObject({ ok: false, error: { field: 'link' } });
    const script = runOperation(
      doc,
      submitDraft,
      { creatorId, deliverableId: deliverableIds[0]!, link: 'javascript:alert(1)' },
      ctx,
    );
    expect(script).toMatchObject({ ok: false, error: { message: 'Link must be an http(s) address.' } });
  });

  it('belong to a deliverable of the deal', () => {
    const { doc, creatorId, ctx } = setup();
    const result = runOperation(doc, submitDraft, { creatorId, deliverableId: 'gone', file }, ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'deliverable_not_found' } });
  });
});

describe('decisions', () => {
  it('approving the latest draft of every deliverable moves the creator to Draft approved and records who', () => {
    const { doc, creatorId, deliverableIds, ctx } = setup(2);
    const a = submit(doc, creatorId, deliverableIds[0]!, ctx);
    const b = submit(doc, creatorId, deliverableIds[1]!, ctx);
    runOperation(doc, decideDraft, { creatorId, draftId: a.id, decision: 'approved' }, ctx);
    expect(creator(doc, creatorId).statuses.influencer).toBe(WAITING_FOR_DRAFT);
    runOperation(doc, decideDraft, { creatorId, draftId: b.id, decision: 'approved' }, context('Bo', 'b'));
    const approved = creator(doc, creatorId);
    expect(approved.statuses.influencer).toBe(DRAFT_APPROVED);
    expect(approved.content.drafts.find((d) => d.id === b.id)).toMatchObject({ decision: 'approved', decidedBy: 'Bo' });
  });

  it('requesting changes moves an approved creator back to Waiting for draft and keeps the comment', () => {
    const { doc, creatorId, deliverableIds, ctx } = setup();
    const a = submit(doc, creatorId, deliverableIds[0]!, ctx);
    runOperation(doc, decideDraft, { creatorId, draftId: a.id, decision: 'approved' }, ctx);
    expect(creator(doc, creatorId).statuses.influencer).toBe(DRAFT_APPROVED);
    const client: OperationContext = {
      ...context('Client (review link)', 'c'),
      actor: { id: 'link:l1', name: 'Client (review link)' },
    };
    runOperation(
      doc,
      decideDraft,
      { creatorId, draftId: a.id, decision: 'changes_requested', comment: 'Logo larger, please' },
      client,
    );
    const after = creator(doc, creatorId);
    expect(after.statuses.influencer).toBe(WAITING_FOR_DRAFT);
    expect(after.content.drafts[0]).toMatchObject({ decision: 'changes_requested', decidedBy: 'Client (review link)' });
    expect(after.content.comments).toMatchObject([{ draftId: a.id, body: 'Logo larger, please', byClient: true }]);
  });

  it('refuses to decide a version that a newer one replaced', () => {
    const { doc, creatorId, deliverableIds, ctx } = setup();
    const first = submit(doc, creatorId, deliverableIds[0]!, ctx);
    submit(doc, creatorId, deliverableIds[0]!, ctx);
    const result = runOperation(doc, decideDraft, { creatorId, draftId: first.id, decision: 'approved' }, ctx);
    expect(result).toMatchObject({
      ok: false,
      error: { message: 'A newer version of this draft was submitted: review that one.' },
    });
  });

  it('keeps a comment and a decision made at once on two screens', () => {
    const { doc, creatorId, deliverableIds, ctx } = setup();
    const draft = submit(doc, creatorId, deliverableIds[0]!, ctx);
    const other = newDoc(2);
    sync(doc, other);
    runOperation(doc, commentOnDraft, { creatorId, draftId: draft.id, comment: 'Nice intro' }, ctx);
    runOperation(other, decideDraft, { creatorId, draftId: draft.id, decision: 'approved' }, context('Bo', 'b'));
    sync(doc, other);
    for (const d of [doc, other]) {
      const c = creator(d, creatorId);
      expect(c.content.comments.map((x) => x.body)).toEqual(['Nice intro']);
      expect(c.content.drafts[0]!.decision).toBe('approved');
    }
  });
});

describe('comments and removal', () => {
  it('refuses an empty or too long comment with a sentence', () => {
    const { doc, creatorId, deliverableIds, ctx } = setup();
    const draft = submit(doc, creatorId, deliverableIds[0]!, ctx);
    expect(runOperation(doc, commentOnDraft, { creatorId, draftId: draft.id, comment: '  ' }, ctx)).toMatchObject({
      ok: false,
      error: { field: 'comment' },
    });
    expect(
      runOperation(doc, commentOnDraft, { creatorId, draftId: draft.id, comment: 'x'.repeat(2001) }, ctx),
    ).toMatchObject({
      ok: false,
      error: { message: 'Comment must be at most 2000 characters.' },
    });
  });

  it('removing a draft removes its comments too', () => {
    const { doc, creatorId, deliverableIds, ctx } = setup();
    const draft = submit(doc, creatorId, deliverableIds[0]!, ctx);
    runOperation(doc, commentOnDraft, { creatorId, draftId: draft.id, comment: 'Hm' }, ctx);
    runOperation(doc, removeDraft, { creatorId, draftId: draft.id }, ctx);
    expect(creator(doc, creatorId).content).toEqual({ drafts: [], comments: [] });
  });
});
