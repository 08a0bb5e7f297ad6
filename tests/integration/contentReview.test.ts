// A client's review link (README "Files and share links"): it shows only its creator's drafts,
// its decisions reach the team live under "Client (review link)", and it stops when revoked or expired.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardOperations, DRAFT_APPROVED, readBoard, WAITING_FOR_DRAFT } from '@roster/shared';
import type { RosterApp } from '@roster/server';
import { connectBoard, type BoardClient } from './support/clients.ts';
import { createBoard, signUp, type TestUser } from './support/factories.ts';
import { startTestServer, type TestServer } from './support/server.ts';

let server: TestServer;
let app: RosterApp;
const clients: BoardClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  app = server.app;
});
afterAll(async () => {
  clients.forEach((client) => client.destroy());
  await server.stop();
});

const file = { fileId: 'aaaaaaaaaaaaaaaa', name: 'reel.mp4', size: 1000, type: 'video/mp4' };

async function apply<Name extends keyof typeof boardOperations>(
  owner: TestUser,
  boardId: string,
  name: Name,
  input: unknown,
): Promise<Record<string, unknown>> {
  const result = (await app.services.applyOperation(boardId, boardOperations[name], input as never, {
    id: owner.id,
    name: owner.name,
    role: 'owner',
  })) as { ok: boolean; error?: { message: string } } & Record<string, unknown>;
  if (!result.ok) throw new Error(result.error!.message);
  return result;
}

/** A board with two creators, each with a deliverable and a draft, the first waiting for its draft review. */
async function boardWithDrafts(owner: TestUser) {
  const boardId = await createBoard(app, owner);
  const added = await apply(owner, boardId, 'addCreators', {
    creators: [{ name: 'Mia Hart' }, { name: 'Noah Other' }],
  });
  const [mia, noah] = added.ids as string[];
  const drafts: string[] = [];
  for (const creatorId of [mia!, noah!]) {
    const d = await apply(owner, boardId, 'addDeliverable', {
      creatorId,
      deliverable: { platform: 'instagram', format: 'Reel', count: 1 },
    });
    const draft = await apply(owner, boardId, 'submitDraft', { creatorId, deliverableId: d.id, file });
    drafts.push(draft.id as string);
  }
  await apply(owner, boardId, 'setStatus', { creatorIds: [mia], group: 'influencer', statusId: WAITING_FOR_DRAFT });
  return { boardId, mia: mia!, noah: noah!, miaDraft: drafts[0]!, noahDraft: drafts[1]! };
}

describe('a client review link', () => {
  it('shows only the drafts of its creator, and nothing else of the board', async () => {
    const owner = await signUp(app, 'Olive Owner');
    const { boardId, mia, miaDraft } = await boardWithDrafts(owner);
    const link = await app.services.shareLinks.create(owner.id, boardId, { creatorId: mia, kind: 'review' });
    if (!link.ok) throw new Error(link.error.message);
    const view = await app.services.contentReview.view(link.token);
    if (!view.ok) throw new Error(view.error.message);
    expect(view.review.creatorName).toBe('Mia Hart');
    expect(view.review.drafts.map((d) => d.id)).toEqual([miaDraft]);
    // Only these keys: no fee, no notes, no other creator, no statuses.
    expect(Object.keys(view.review).sort()).toEqual(
      ['boardName', 'comments', 'creatorName', 'deliverables', 'drafts', 'expiresAt'].sort(),
    );
    expect(JSON.stringify(view.review)).not.toContain('Noah');
  });

  it('cannot decide or comment on another creator’s draft', async () => {
    const owner = await signUp(app, 'Olive Owner');
    const { boardId, mia, noah, noahDraft } = await boardWithDrafts(owner);
    const link = await app.services.shareLinks.create(owner.id, boardId, { creatorId: mia, kind: 'review' });
    if (!link.ok) throw new Error(link.error.message);
    const decided = await app.services.contentReview.decide(link.token, { draftId: noahDraft, decision: 'approved' });
    expect(decided).toMatchObject({ ok: false, error: { code: 'draft_not_found' } });
    const commented = await app.services.contentReview.comment(link.token, { draftId: noahDraft, comment: 'Hi' });
    expect(commented.ok).toBe(false);
    const board = await app.services.readLiveBoard.board(boardId);
    expect(board.creators.find((c) => c.id === noah)!.content.drafts[0]!.decision).toBe('pending');
  });

  it('requests changes and then approves, which a teammate sees live, recorded as the client', async () => {
    const owner = await signUp(app, 'Olive Owner');
    const { boardId, mia, miaDraft } = await boardWithDrafts(owner);
    const teammate = connectBoard(app.url, boardId, { cookie: owner.cookie });
    clients.push(teammate);
    await expect.poll(() => teammate.provider.isSynced).toBe(true);
    const link = await app.services.shareLinks.create(owner.id, boardId, { creatorId: mia, kind: 'review' });
    if (!link.ok) throw new Error(link.error.message);
    const miaOn = () => readBoard(teammate.doc).creators.find((c) => c.id === mia)!;

    const changes = await app.services.contentReview.decide(link.token, {
      draftId: miaDraft,
      decision: 'changes_requested',
      comment: 'Please show the logo longer.',
    });
    expect(changes.ok).toBe(true);
    await expect.poll(() => miaOn().content.drafts[0]!.decision).toBe('changes_requested');
    expect(miaOn().content.comments).toMatchObject([
      { body: 'Please show the logo longer.', author: 'Client (review link)', byClient: true },
    ]);
    expect(miaOn().statuses.influencer).toBe(WAITING_FOR_DRAFT);

    expect((await app.services.contentReview.decide(link.token, { draftId: miaDraft, decision: 'approved' })).ok).toBe(
      true,
    );
    await expect.poll(() => miaOn().statuses.influencer).toBe(DRAFT_APPROVED);
    expect(miaOn().content.drafts[0]).toMatchObject({ decision: 'approved', decidedBy: 'Client (review link)' });
  });

  it('stops working once revoked: no view, no decision', async () => {
    const owner = await signUp(app, 'Olive Owner');
    const { boardId, mia, miaDraft } = await boardWithDrafts(owner);
    const link = await app.services.shareLinks.create(owner.id, boardId, { creatorId: mia, kind: 'review' });
    if (!link.ok) throw new Error(link.error.message);
    await app.services.shareLinks.revoke(owner.id, boardId, link.link.id);
    expect(await app.services.contentReview.view(link.token)).toMatchObject({
      ok: false,
      error: { code: 'link_revoked' },
    });
    expect(
      await app.services.contentReview.decide(link.token, { draftId: miaDraft, decision: 'approved' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'link_revoked' },
    });
    const board = await app.services.readLiveBoard.board(boardId);
    expect(board.creators.find((c) => c.id === mia)!.content.drafts[0]!.decision).toBe('pending');
  });

  it('stops working once expired, saying so', async () => {
    const owner = await signUp(app, 'Olive Owner');
    const { boardId, mia } = await boardWithDrafts(owner);
    const link = await app.services.shareLinks.create(owner.id, boardId, { creatorId: mia, kind: 'review' });
    if (!link.ok) throw new Error(link.error.message);
    await app.services.sql`update share_links set expires_at = now() - interval '1 minute' where id = ${link.link.id}`;
    expect(await app.services.contentReview.view(link.token)).toMatchObject({
      ok: false,
      error: { code: 'link_expired', message: 'This link has expired. Ask the person who sent it for a new one.' },
    });
  });

  it('is not a review link when made for acceptance', async () => {
    const owner = await signUp(app, 'Olive Owner');
    const { boardId, mia } = await boardWithDrafts(owner);
    const link = await app.services.shareLinks.create(owner.id, boardId, { creatorId: mia, kind: 'acceptance' });
    if (!link.ok) throw new Error(link.error.message);
    expect(await app.services.contentReview.view(link.token)).toMatchObject({
      ok: false,
      error: { code: 'link_not_found' },
    });
  });
});
