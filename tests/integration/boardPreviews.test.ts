import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCreators,
  boardDocumentName,
  builtInStatusId,
  removeCreators,
  runOperation,
  setStatus,
} from '@roster/shared';
import { openedConnections } from './support/openedConnections.ts';
import { createBoard, signUp, type TestUser } from './support/factories.ts';
import { startTestServer, type TestServer } from './support/server.ts';

let server: TestServer;
const { connect, closeAll } = openedConnections();
const PROSPECT = builtInStatusId('influencer', 'Prospect');
const CONTACTED = builtInStatusId('influencer', 'Contacted');

beforeAll(async () => {
  // Two creators make a board big enough here (PREVIEW_MIN_CREATORS; 100 by default).
  server = await startTestServer({ PREVIEW_INTERVAL_MS: '200', PREVIEW_MIN_CREATORS: '2' });
});
afterAll(async () => {
  closeAll();
  await server.stop();
});

const ctx = (user: TestUser) => ({ actor: { id: user.id, name: user.name }, now: Date.now(), activity: new Y.Doc() });
const people = (...names: string[]) => ({ creators: names.map((name) => ({ name })) });

/** The stored preview's columns as `statusId: count [names]`, the ones with creators only. */
async function previewColumns(boardId: string): Promise<string[] | null> {
  const preview = await server.app.services.boardPreviews.read(boardId);
  if (!preview) return null;
  return preview.columns
    .filter((column) => column.count > 0)
    .map((column) => `${column.statusId}: ${column.count} [${column.creators.map((c) => c.name).join(', ')}]`);
}

/** A new board of a new owner, open in a synced provider. */
async function openNewBoard() {
  const owner = await signUp(server.app);
  const boardId = await createBoard(server.app, owner);
  const client = connect(server.app.url, boardId, { cookie: owner.cookie });
  await expect.poll(() => client.provider.isSynced).toBe(true);
  return { owner, boardId, client };
}

describe('board previews', () => {
  it('stores a preview of a board once an edit through a provider is stored, and follows later edits', async () => {
    const { owner, boardId, client } = await openNewBoard();
    const added = runOperation(client.doc, addCreators, people('Mia', 'Noah'), ctx(owner));
    if (!added.ok) throw new Error(added.error.message);
    await expect.poll(() => previewColumns(boardId)).toEqual([`${PROSPECT}: 2 [Mia, Noah]`]);

    runOperation(
      client.doc,
      setStatus,
      { creatorIds: [added.ids[0]!], group: 'influencer', statusId: CONTACTED },
      ctx(owner),
    );
    await expect.poll(() => previewColumns(boardId)).toEqual([`${PROSPECT}: 1 [Noah]`, `${CONTACTED}: 1 [Mia]`]);
  });

  it('builds the preview of a board stored straight into PostgreSQL when the board is opened', async () => {
    const owner = await signUp(server.app);
    const boardId = await createBoard(server.app, owner);
    const doc = new Y.Doc();
    runOperation(doc, addCreators, people('Lea', 'Max'), ctx(owner));
    await server.app.services.sql`
      insert into documents (name, board_id, state)
      values (${boardDocumentName(boardId)}, ${boardId}, ${Buffer.from(Y.encodeStateAsUpdate(doc))})`;
    expect(await previewColumns(boardId)).toBeNull();

    const client = connect(server.app.url, boardId, { cookie: owner.cookie });
    await expect.poll(() => client.provider.isSynced).toBe(true);
    await expect.poll(() => previewColumns(boardId)).toEqual([`${PROSPECT}: 2 [Lea, Max]`]);
  });

  it('builds no preview of a board with fewer creators than PREVIEW_MIN_CREATORS', async () => {
    const { owner, boardId, client } = await openNewBoard();
    runOperation(client.doc, addCreators, people('Ada'), ctx(owner));
    await expect.poll(() => client.provider.unsyncedChanges).toBe(0);
    // Five intervals: a build asked for would have been stored by now.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await previewColumns(boardId)).toBeNull();
  });

  it('removes the preview of a board that shrank below PREVIEW_MIN_CREATORS once it closes', async () => {
    const { owner, boardId, client } = await openNewBoard();
    const added = runOperation(client.doc, addCreators, people('Bo', 'Cy'), ctx(owner));
    if (!added.ok) throw new Error(added.error.message);
    await expect.poll(() => previewColumns(boardId)).toEqual([`${PROSPECT}: 2 [Bo, Cy]`]);

    runOperation(client.doc, removeCreators, { creatorIds: [added.ids[0]!] }, ctx(owner));
    await expect.poll(() => client.provider.unsyncedChanges).toBe(0);
    client.destroy();
    await expect.poll(() => previewColumns(boardId)).toBeNull();
  });
});
