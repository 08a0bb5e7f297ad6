import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCreators, boardDocumentName, removeCreators, runOperation } from '@roster/shared';
import * as Y from 'yjs';
import { openedConnections } from './support/openedConnections.ts';
import { addMember, createBoard, signUp, type TestUser } from './support/factories.ts';
import { startTestServer, type TestServer } from './support/server.ts';

let server: TestServer;
const { connect, closeAll } = openedConnections();

beforeAll(async () => {
  server = await startTestServer({
    STORE_DEBOUNCE_MS: '50',
    STORE_MAX_DEBOUNCE_MS: '200',
    BOARD_INDEX_INTERVAL_MS: '200',
  });
});
afterAll(async () => {
  closeAll();
  await server.stop();
});

const ctx = (user: TestUser) => ({ actor: { id: user.id, name: user.name }, now: Date.now(), activity: new Y.Doc() });
const people = (...names: string[]) => ({ creators: names.map((name) => ({ name })) });

async function listed(user: TestUser, boardId: string) {
  const boards = await server.app.services.boards.list(user.workspaceId);
  return boards.find((board) => board.id === boardId)!;
}

describe('the figures of the boards list', () => {
  it('counts the creators on a board once an edit is stored, removals included', async () => {
    const owner = await signUp(server.app);
    const boardId = await createBoard(server.app, owner);
    const client = connect(server.app.url, boardId, { cookie: owner.cookie });
    await expect.poll(() => client.provider.isSynced).toBe(true);
    const added = runOperation(client.doc, addCreators, people('Mia', 'Noah', 'Lea'), ctx(owner));
    if (!added.ok) throw new Error(added.error.message);
    await expect.poll(async () => (await listed(owner, boardId)).creatorCount).toBe(3);
    runOperation(client.doc, removeCreators, { creatorIds: [added.ids[0]!] }, ctx(owner));
    await expect.poll(async () => (await listed(owner, boardId)).creatorCount).toBe(2);
  });

  it('records the time of the last edit, and none for a board nobody edited', async () => {
    const owner = await signUp(server.app);
    const boardId = await createBoard(server.app, owner);
    expect((await listed(owner, boardId)).lastActivityAt).toBeNull();
    const before = Date.now();
    const client = connect(server.app.url, boardId, { cookie: owner.cookie });
    await expect.poll(() => client.provider.isSynced).toBe(true);
    runOperation(client.doc, addCreators, people('Mia'), ctx(owner));
    await expect
      .poll(async () => (await listed(owner, boardId)).lastActivityAt?.getTime() ?? 0)
      .toBeGreaterThanOrEqual(before);
  });

  it('counts the creators of a board edited before the count existed when it is opened', async () => {
    const owner = await signUp(server.app);
    const boardId = await createBoard(server.app, owner);
    const first = connect(server.app.url, boardId, { cookie: owner.cookie });
    await expect.poll(() => first.provider.isSynced).toBe(true);
    runOperation(first.doc, addCreators, people('Mia', 'Noah'), ctx(owner));
    await expect.poll(async () => (await listed(owner, boardId)).creatorCount).toBe(2);
    first.destroy();
    await expect
      .poll(() => server.app.services.collab.hocuspocus.documents.has(boardDocumentName(boardId)))
      .toBe(false);
    await server.app.services.sql`update boards set creator_count = null where id = ${boardId}`;

    const second = connect(server.app.url, boardId, { cookie: owner.cookie });
    await expect.poll(() => second.provider.isSynced).toBe(true);
    await expect.poll(async () => (await listed(owner, boardId)).creatorCount).toBe(2);
  });

  it('writes two boards edited together with their own figures, a count left out keeping the stored one', async () => {
    const owner = await signUp(server.app);
    const [first, second] = [await createBoard(server.app, owner), await createBoard(server.app, owner, 'Winter')];
    const at = new Date('2026-11-30T09:30:00Z');
    await server.app.services.boards.recordFigures([
      { boardId: first, creatorCount: 4, lastActivityAt: at },
      { boardId: second, creatorCount: 7 },
    ]);
    await server.app.services.boards.recordFigures([
      { boardId: first, lastActivityAt: new Date('2026-11-29T00:00:00Z') },
    ]);
    expect(await listed(owner, first)).toMatchObject({ creatorCount: 4, lastActivityAt: at });
    expect(await listed(owner, second)).toMatchObject({ creatorCount: 7, lastActivityAt: null });
  });

  it('counts the members of the board’s workspace', async () => {
    const owner = await signUp(server.app);
    await addMember(server.app, owner, await signUp(server.app), 'editor');
    await addMember(server.app, owner, await signUp(server.app), 'viewer');
    const boardId = await createBoard(server.app, owner);
    expect((await listed(owner, boardId)).memberCount).toBe(3);
  });

  it('writes a board edited again within the interval once it closes, not after that edit', async () => {
    const slow = await startTestServer({ BOARD_INDEX_INTERVAL_MS: '600000' });
    try {
      const owner = await signUp(slow.app);
      const boardId = await createBoard(slow.app, owner);
      const list = async () => (await slow.app.services.boards.list(owner.workspaceId)).find((b) => b.id === boardId)!;
      const client = connect(slow.app.url, boardId, { cookie: owner.cookie });
      await expect.poll(() => client.provider.isSynced).toBe(true);
      const added = runOperation(client.doc, addCreators, people('Mia', 'Noah', 'Lea'), ctx(owner));
      if (!added.ok) throw new Error(added.error.message);
      // The first edit is written at once.
      await expect.poll(async () => (await list()).creatorCount).toBe(3);
      runOperation(client.doc, removeCreators, { creatorIds: [added.ids[0]!] }, ctx(owner));
      await expect.poll(() => client.provider.unsyncedChanges).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect((await list()).creatorCount).toBe(3);
      client.destroy();
      await expect.poll(async () => (await list()).creatorCount).toBe(2);
    } finally {
      await slow.stop();
    }
  });
});
