// Share links (README "Files and share links"): no-account links for one creator of a board, made
// and revoked by owners and editors, that stop working when revoked or expired, and through which
// only the files their creator's cells name can be fetched.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardOperations, boardTypes } from '@roster/shared';
import type { RosterApp } from '@roster/server';
import { connectBoard, type BoardClient } from './support/clients.ts';
import { addMember, createBoard, signUp, type TestUser } from './support/factories.ts';
import { pdf, png } from './support/sampleFiles.ts';
import { startTestServer, type TestServer } from './support/server.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'roster-links-'));
let server: TestServer;
let app: RosterApp;
const clients: BoardClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ DATA_DIR: dataDir, SHARE_LINK_REQUESTS_PER_MINUTE: '40' });
  app = server.app;
});
afterAll(async () => {
  clients.forEach((client) => client.destroy());
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function boardWithCreator(owner: TestUser, name = 'Mia Hart') {
  const boardId = await createBoard(app, owner);
  const added = await app.services.applyOperation(
    boardId,
    boardOperations.addCreators,
    { creators: [{ name }, { name: 'Other Creator' }] },
    { id: owner.id, name: owner.name, role: 'owner' },
  );
  if (!added.ok) throw new Error(added.error.message);
  return { boardId, creatorId: added.ids[0]!, otherId: added.ids[1]! };
}

async function open(user: TestUser, boardId: string): Promise<BoardClient> {
  const client = connectBoard(app.url, boardId, { cookie: user.cookie });
  clients.push(client);
  await expect.poll(() => client.provider.isSynced).toBe(true);
  return client;
}

async function upload(user: TestUser, boardId: string, purpose: string, name: string, body: Uint8Array<ArrayBuffer>) {
  const response = await fetch(`${app.url}/api/boards/${boardId}/files?purpose=${purpose}`, {
    method: 'POST',
    headers: { cookie: user.cookie, 'x-file-name': encodeURIComponent(name) },
    body,
  });
  const answer = (await response.json()) as { file: { id: string; name: string; size: number; type: string } };
  return answer.file;
}

const fileRef = (file: { id: string; name: string; size: number; type: string }) => ({
  fileId: file.id,
  name: file.name,
  size: file.size,
  type: file.type,
});

describe('share links', () => {
  it('lets an editor make a review link whose token resolves to that creator of that board only', async () => {
    const owner = await signUp(app, 'Olive Owner');
    const editor = await signUp(app, 'Eddie Editor');
    await addMember(app, owner, editor, 'editor');
    const { boardId, creatorId } = await boardWithCreator(owner);
    const made = await app.services.shareLinks.create(editor.id, boardId, {
      creatorId,
      kind: 'review',
      expiresInDays: 7,
      label: 'Client: Nordic Brew',
    });
    if (!made.ok) throw new Error(made.error.message);
    expect(made.token).toMatch(/^[a-z2-7]{32}$/);
    expect(made.link).toMatchObject({
      creatorId,
      kind: 'review',
      label: 'Client: Nordic Brew',
      createdByName: 'Eddie Editor',
    });
    const scope = await app.services.shareLinks.resolve(made.token, 'review');
    expect(scope).toMatchObject({ ok: true, boardId, creatorId, kind: 'review', linkId: made.link.id });
    // Only the hash is stored.
    const [row] = await app.services.sql<
      { token_hash: string }[]
    >`select token_hash from share_links where id = ${made.link.id}`;
    expect(row!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.token_hash).not.toContain(made.token);
    // A review link does not open the acceptance page.
    expect(await app.services.shareLinks.resolve(made.token, 'acceptance')).toMatchObject({
      ok: false,
      reason: 'not_found',
    });
  });

  it('stops a revoked link with a sentence saying it was turned off', async () => {
    const owner = await signUp(app, 'Olive Owner');
    const { boardId, creatorId } = await boardWithCreator(owner);
    const made = await app.services.shareLinks.create(owner.id, boardId, { creatorId, kind: 'review' });
    if (!made.ok) throw new Error(made.error.message);
    const revoked = await app.services.shareLinks.revoke(owner.id, boardId, made.link.id);
    expect(revoked).toMatchObject({ ok: true, link: { id: made.link.id } });
    expect(revoked.ok && revoked.link.revokedAt).toBeInstanceOf(Date);
    expect(await app.services.shareLinks.resolve(made.token)).toEqual({
      ok: false,
      reason: 'revoked',
      message: 'This link was turned off by the team that sent it. Ask them for a new one.',
    });
  });

  it('stops an expired link with a sentence saying it expired', async () => {
    const owner = await signUp(app, 'Olive Owner');
    const { boardId, creatorId } = await boardWithCreator(owner);
    const made = await app.services.shareLinks.create(owner.id, boardId, {
      creatorId,
      kind: 'acceptance',
      expiresInDays: 1,
    });
    if (!made.ok) throw new Error(made.error.message);
    expect((await app.services.shareLinks.resolve(made.token)).ok).toBe(true);
    await app.services.sql`update share_links set expires_at = now() - interval '1 second' where id = ${made.link.id}`;
    expect(await app.services.shareLinks.resolve(made.token)).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('stops every link of a board once the board is archived', async () => {
    const owner = await signUp(app, 'Olive Owner');
    const { boardId, creatorId } = await boardWithCreator(owner);
    const made = await app.services.shareLinks.create(owner.id, boardId, { creatorId, kind: 'review' });
    if (!made.ok) throw new Error(made.error.message);
    const archived = await app.services.boards.setArchived(owner.id, boardId, true);
    expect(archived.ok).toBe(true);
    expect(await app.services.shareLinks.resolve(made.token)).toMatchObject({ ok: false, reason: 'revoked' });
  });

  it('answers a made-up token as not found', async () => {
    expect(await app.services.shareLinks.resolve('a'.repeat(32))).toMatchObject({ ok: false, reason: 'not_found' });
    expect(await app.services.shareLinks.resolve('../../etc')).toMatchObject({ ok: false, reason: 'not_found' });
  });

  it('lets owners and editors make, list and revoke links, and refuses viewers and strangers', async () => {
    const owner = await signUp(app, 'Olive Owner');
    const viewer = await signUp(app, 'Vera Viewer');
    const stranger = await signUp(app, 'Sam Stranger');
    await addMember(app, owner, viewer, 'viewer');
    const { boardId, creatorId, otherId } = await boardWithCreator(owner);
    const first = await app.services.shareLinks.create(owner.id, boardId, { creatorId, kind: 'review' });
    await app.services.shareLinks.create(owner.id, boardId, { creatorId: otherId, kind: 'review' });
    if (!first.ok) throw new Error(first.error.message);
    const listed = await app.services.shareLinks.list(owner.id, boardId, { creatorId });
    expect(listed.ok && listed.links.map((link) => link.id)).toEqual([first.link.id]);
    const byViewer = await app.services.shareLinks.create(viewer.id, boardId, { creatorId, kind: 'review' });
    expect(byViewer).toMatchObject({
      ok: false,
      status: 403,
      error: { message: 'Only owners and editors can manage share links.' },
    });
    expect(await app.services.shareLinks.list(viewer.id, boardId)).toMatchObject({ ok: false, status: 403 });
    expect(await app.services.shareLinks.revoke(viewer.id, boardId, first.link.id)).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(await app.services.shareLinks.create(stranger.id, boardId, { creatorId, kind: 'review' })).toMatchObject({
      ok: false,
      status: 404,
    });
    expect(await app.services.shareLinks.revoke(stranger.id, boardId, first.link.id)).toMatchObject({
      ok: false,
      status: 404,
    });
    expect((await app.services.shareLinks.resolve(first.token)).ok).toBe(true);
  });

  it('refuses a link with an expiry outside 1–90 days or an unknown kind, naming the field', async () => {
    const owner = await signUp(app, 'Olive Owner');
    const { boardId, creatorId } = await boardWithCreator(owner);
    expect(
      await app.services.shareLinks.create(owner.id, boardId, { creatorId, kind: 'review', expiresInDays: 365 }),
    ).toMatchObject({
      ok: false,
      status: 400,
      error: { field: 'expiresInDays' },
    });
    expect(await app.services.shareLinks.create(owner.id, boardId, { creatorId, kind: 'admin' })).toMatchObject({
      ok: false,
      status: 400,
      error: { field: 'kind' },
    });
  });
});

describe('files through a share link', () => {
  it('serves a review link the files of its creator’s drafts and nothing else, and stops when revoked', async () => {
    const owner = await signUp(app, 'Olive Owner');
    const { boardId, creatorId, otherId } = await boardWithCreator(owner);
    const draftFile = await upload(owner, boardId, 'draft', 'teaser.png', png());
    const otherDraft = await upload(owner, boardId, 'draft', 'other.png', png(4000));
    const contract = await upload(owner, boardId, 'contract', 'contract.pdf', pdf());
    const client = await open(owner, boardId);
    const cells = boardTypes(client.doc).cells;
    const draft = (file: typeof draftFile) => ({
      deliverableId: 'd1',
      version: 1,
      url: null,
      file: fileRef(file),
      submittedAt: Date.now(),
      submittedBy: owner.name,
      decision: 'pending',
      decidedBy: null,
      decidedAt: null,
    });
    cells.set(`${creatorId}:drafts:aaaa`, draft(draftFile));
    cells.set(`${otherId}:drafts:bbbb`, draft(otherDraft));
    cells.set(`${creatorId}:contractFile`, fileRef(contract));
    const link = await app.services.shareLinks.create(owner.id, boardId, { creatorId, kind: 'review' });
    if (!link.ok) throw new Error(link.error.message);
    const get = (fileId: string) => fetch(`${app.url}/api/links/${link.token}/files/${fileId}`);

    await expect.poll(async () => (await get(draftFile.id)).status).toBe(200);
    expect(new Uint8Array(await (await get(draftFile.id)).arrayBuffer())).toEqual(png());
    // Another creator's draft and this creator's contract are not part of a review link.
    expect((await get(otherDraft.id)).status).toBe(404);
    expect((await get(contract.id)).status).toBe(404);

    await app.services.shareLinks.revoke(owner.id, boardId, link.link.id);
    const revoked = await get(draftFile.id);
    expect(revoked.status).toBe(410);
    expect(((await revoked.json()) as { error: { message: string } }).error.message).toContain('turned off');
  });

  it('serves an acceptance link its creator’s contract document only', async () => {
    const owner = await signUp(app, 'Olive Owner');
    const { boardId, creatorId } = await boardWithCreator(owner);
    const contract = await upload(owner, boardId, 'contract', 'contract.pdf', pdf());
    const draftFile = await upload(owner, boardId, 'draft', 'teaser.png', png());
    const client = await open(owner, boardId);
    boardTypes(client.doc).cells.set(`${creatorId}:contractFile`, fileRef(contract));
    const link = await app.services.shareLinks.create(owner.id, boardId, { creatorId, kind: 'acceptance' });
    if (!link.ok) throw new Error(link.error.message);
    await expect
      .poll(async () => (await fetch(`${app.url}/api/links/${link.token}/files/${contract.id}`)).status)
      .toBe(200);
    expect((await fetch(`${app.url}/api/links/${link.token}/files/${draftFile.id}`)).status).toBe(404);
  });

  it('limits the requests one address makes to the public link routes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) {
      statuses.push((await fetch(`${app.url}/api/links/${'b'.repeat(32)}/files/aaaaaaaaaaaaaaaa`)).status);
    }
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((status) => status !== 429).every((status) => status === 404)).toBe(true);
  });
});
