// Board history (README "History and restore"): snapshots on a schedule and before risky
// changes, browse, and restore as a live change that keeps teammates' concurrent edits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import {
  boardDocumentName,
  boardOperations,
  readBoard,
  runOperation,
  type AnyOperation,
  type InputOf,
  type OperationContext,
} from '@roster/shared';
import type { RosterApp } from '@roster/server';
import { connectBoard, type BoardClient } from './support/clients.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { addMember, createBoard, signUp, type TestUser } from './support/factories.ts';

const { addCreators, removeCreators, setStatus, updateProfile } = boardOperations;

let server: TestServer;
let app: RosterApp;
let sql: postgres.Sql;
const clients: BoardClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ SNAPSHOT_INTERVAL_MS: '400', SNAPSHOT_KEEP: '5' });
  app = server.app;
  sql = postgres(server.databaseUrl, { max: 1, onnotice: () => {} });
});
afterAll(async () => {
  clients.forEach((client) => client.destroy());
  await sql.end();
  await server.stop();
});

async function open(user: TestUser, boardId: string): Promise<BoardClient> {
  const client = connectBoard(app.url, boardId, { cookie: user.cookie });
  clients.push(client);
  await expect.poll(() => client.provider.isSynced).toBe(true);
  return client;
}

const ctx = (user: TestUser): OperationContext => ({ actor: { id: user.id, name: user.name }, now: Date.now() });

function run<Op extends AnyOperation>(client: BoardClient, user: TestUser, op: Op, input: InputOf<Op>) {
  const result = runOperation(client.doc, op, input, ctx(user)) as { ok: boolean } & Record<string, unknown>;
  if (!result.ok) throw new Error(`${op.name} refused`);
  return result;
}

async function boardWith(owner: TestUser, count: number) {
  const boardId = await createBoard(app, owner);
  const added = await app.services.applyOperation(
    boardId,
    addCreators,
    { creators: Array.from({ length: count }, (_, i) => ({ name: `Creator ${String(i).padStart(2, '0')}` })) },
    { id: owner.id, name: owner.name, role: 'owner' },
  );
  if (!added.ok) throw new Error(added.error.message);
  return { boardId, ids: added.ids };
}

describe('board history', () => {
  it('restores 20 removed creators from a snapshot while a teammate edits others, and nobody’s edits are lost', async () => {
    const owner = await signUp(app, 'Rosa Restorer');
    const teammate = await signUp(app, 'Tom Teammate');
    await addMember(app, owner, teammate, 'editor');
    const { boardId, ids } = await boardWith(owner, 30);
    const mine = await open(owner, boardId);
    const theirs = await open(teammate, boardId);
    await expect.poll(() => readBoard(theirs.doc).creators.length).toBe(30);

    const snapshotId = await app.services.snapshots.take(boardId, 'before-remove');
    run(mine, owner, removeCreators, { creatorIds: ids.slice(0, 20) });
    await expect.poll(() => readBoard(theirs.doc).creators.length).toBe(10);

    // The teammate keeps working on the other ten while the restore runs.
    const others = ids.slice(20);
    const editing = (async () => {
      for (const [i, id] of others.entries()) {
        run(theirs, teammate, updateProfile, { creatorId: id, patch: { followers: 5000 + i } });
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      run(theirs, teammate, setStatus, { creatorIds: others, group: 'influencer', statusId: 'influencer.shortlisted' });
    })();
    const restored = await app.services.snapshots.restore(
      { id: owner.id, name: owner.name },
      boardId,
      snapshotId,
      ids.slice(0, 20),
    );
    await editing;

    expect(restored).toMatchObject({ ok: true, restored: 20 });
    for (const client of [mine, theirs]) {
      await expect.poll(() => readBoard(client.doc).creators.length).toBe(30);
      await expect
        .poll(() =>
          readBoard(client.doc)
            .creators.filter((c) => others.includes(c.id))
            .map((c) => [c.followers, c.statuses.influencer]),
        )
        .toEqual(others.map((_, i) => [5000 + i, 'influencer.shortlisted']));
    }
    expect(readBoard(mine.doc)).toEqual(readBoard(theirs.doc));
  });

  it('undoes a restore by restoring the snapshot taken just before it', async () => {
    const owner = await signUp(app, 'Uma Undo');
    const { boardId, ids } = await boardWith(owner, 3);
    const snapshotId = await app.services.snapshots.take(boardId, 'manual');
    await app.services.applyOperation(
      boardId,
      removeCreators,
      { creatorIds: [ids[0]!] },
      { id: owner.id, name: owner.name, role: 'owner' },
    );
    const restored = await app.services.snapshots.restore(
      { id: owner.id, name: owner.name },
      boardId,
      snapshotId,
      null,
    );
    if (!restored.ok) throw new Error(restored.error.message);
    expect((await app.services.readLiveBoard.board(boardId)).creators).toHaveLength(3);

    const undone = await app.services.snapshots.restore(
      { id: owner.id, name: owner.name },
      boardId,
      restored.undoSnapshotId,
      null,
    );

    expect(undone.ok).toBe(true);
    expect((await app.services.readLiveBoard.board(boardId)).creators.map((c) => c.id)).toEqual(ids.slice(1));
  });

  it('takes a snapshot on its own while a board changes, naming who edited it', async () => {
    const owner = await signUp(app, 'Sid Scheduled');
    const { boardId, ids } = await boardWith(owner, 2);
    const client = await open(owner, boardId);
    run(client, owner, setStatus, { creatorIds: [ids[0]!], group: 'payment', statusId: 'payment.paid-fully' });

    await expect
      .poll(
        async () => {
          const listed = await app.services.snapshots.list(owner.id, boardId);
          return listed.ok ? listed.snapshots.filter((s) => s.reason === 'schedule') : [];
        },
        { timeout: 10_000 },
      )
      .toContainEqual(expect.objectContaining({ activePeople: ['Sid Scheduled'], creatorCount: 2 }));
  });

  it('keeps at most SNAPSHOT_KEEP snapshots of a board, the newest', async () => {
    const owner = await signUp(app, 'Kim Keep');
    const { boardId } = await boardWith(owner, 1);
    const taken: string[] = [];
    for (let i = 0; i < 7; i += 1) taken.push(await app.services.snapshots.take(boardId, 'manual'));
    const listed = await app.services.snapshots.list(owner.id, boardId);
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.snapshots.map((s) => s.id)).toEqual(taken.slice(-5).reverse());
  });

  it('lets a viewer browse snapshots but not restore, and tells a stranger the board does not exist', async () => {
    const owner = await signUp(app, 'Olive Owner');
    const viewer = await signUp(app, 'Vic Viewer');
    const stranger = await signUp(app, 'Stan Stranger');
    await addMember(app, owner, viewer, 'viewer');
    const { boardId } = await boardWith(owner, 2);
    const snapshotId = await app.services.snapshots.take(boardId, 'manual');

    expect((await app.services.snapshots.list(viewer.id, boardId)).ok).toBe(true);
    expect(await app.services.snapshots.read(viewer.id, boardId, snapshotId)).toMatchObject({ ok: true });
    expect(
      await app.services.snapshots.restore({ id: viewer.id, name: viewer.name }, boardId, snapshotId, null),
    ).toMatchObject({ ok: false, status: 403 });
    expect(await app.services.snapshots.list(stranger.id, boardId)).toMatchObject({ ok: false, status: 404 });
    expect(await app.services.snapshots.read(owner.id, boardId, '1; drop table boards')).toMatchObject({
      ok: false,
      status: 404,
    });
  });

  it('answers a page asking for snapshot after snapshot with the one just taken, not a new copy each time', async () => {
    const owner = await signUp(app, 'Fay Flood');
    const { boardId } = await boardWith(owner, 3);
    // Until the board's document unloads, the scheduler (every 400 ms here) may snapshot the
    // creators just added, between two of the page's asks: a second row that is not the page's.
    await expect
      .poll(() => app.services.collab.hocuspocus.documents.has(boardDocumentName(boardId)), { timeout: 15_000 })
      .toBe(false);
    const ids: (string | null)[] = [];
    for (let i = 0; i < 5; i += 1) {
      const taken = await app.services.snapshots.takeFor(owner.id, boardId, 'before-remove');
      ids.push(taken.ok ? taken.id : null);
    }
    const rows = await sql`select 1 from board_snapshots where board_id = ${boardId}`;
    expect(rows.count).toBe(1);
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).not.toBeNull();
  });
});
