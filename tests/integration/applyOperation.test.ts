import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import * as Y from 'yjs';
import { activityDocumentName, boardDocumentName, boardOperations, readActivity, readBoard } from '@roster/shared';
import { createLogger, parseConfig, startRoster, type RosterApp } from '@roster/server';
import { connectBoard, type BoardClient } from './support/clients.ts';
import { createTestDatabase } from './support/database.ts';
import { addMember, createBoard, signUp, type TestUser } from './support/factories.ts';
import { applyInProcess, spawnServer } from './support/processes.ts';

const { addCreators } = boardOperations;

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: RosterApp;
let sql: postgres.Sql;
const clients: BoardClient[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const parsed = parseConfig({ PORT: '0', DATABASE_URL: database.url });
  if (!parsed.ok) throw new Error(parsed.problems.join());
  app = await startRoster(parsed.config, { log: createLogger('warn') });
  sql = postgres(database.url, { max: 1, onnotice: () => {} });
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await sql.end();
  await app.close();
  await database.drop();
});

async function ownBoard(): Promise<{ owner: TestUser; boardId: string }> {
  const owner = await signUp(app, 'Olivia Owner');
  return { owner, boardId: await createBoard(app, owner) };
}

async function connectSynced(
  url: string,
  boardId: string,
  user: TestUser,
  documentName = boardDocumentName(boardId),
): Promise<BoardClient> {
  const client = connectBoard(url, boardId, { cookie: user.cookie, documentName });
  clients.push(client);
  await expect.poll(() => client.provider.isSynced).toBe(true);
  return client;
}

const creatorNames = (doc: Y.Doc) => readBoard(doc).creators.map((creator) => creator.name);
const logRows = async (name: string) => (await sql`select 1 from document_updates where name = ${name}`).count;
const asActor = (user: TestUser, role: 'owner' | 'editor' | 'viewer') => ({ id: user.id, name: user.name, role });

describe('applyOperation', () => {
  it('reaches every provider connected to the board', async () => {
    const { owner, boardId } = await ownBoard();
    const first = await connectSynced(app.url, boardId, owner);
    const second = await connectSynced(app.url, boardId, owner);

    const result = await app.services.applyOperation(
      boardId,
      addCreators,
      { creators: [{ name: 'Ada Lovelace' }] },
      asActor(owner, 'owner'),
    );

    expect(result).toMatchObject({ ok: true, duplicates: [] });
    await expect.poll(() => creatorNames(first.doc)).toEqual(['Ada Lovelace']);
    await expect.poll(() => creatorNames(second.doc)).toEqual(['Ada Lovelace']);
  });

  it('logs a change made through a Hocuspocus direct connection, as it logs a client edit', async () => {
    const { boardId } = await ownBoard();
    const name = boardDocumentName(boardId);
    const connection = await app.services.collab.hocuspocus.openDirectConnection(name, {});
    await connection.transact((doc) => doc.getMap('direct').set('written', 'by the server'));
    await expect.poll(() => logRows(name)).toBe(1);
    await connection.disconnect();
  });

  it('keeps a change once applyOperation has resolved, even when the server is killed with SIGKILL', async () => {
    const { owner, boardId } = await ownBoard();
    // No snapshot before the kill: only the update log can keep the change.
    const server = await spawnServer(
      { DATABASE_URL: database.url, STORE_DEBOUNCE_MS: '60000', STORE_MAX_DEBOUNCE_MS: '60000' },
      { ipc: true },
    );
    // Keeps the board open there, so nothing stores it on unload either.
    const watching = await connectSynced(server.url, boardId, owner);
    const result = await applyInProcess(
      server,
      boardId,
      'addCreators',
      { creators: [{ name: 'Grace Hopper' }] },
      asActor(owner, 'owner'),
    );
    expect(result).toMatchObject({ ok: true });
    server.child.kill('SIGKILL');
    await server.exited;
    watching.destroy();

    const reader = await connectSynced(app.url, boardId, owner);
    expect(creatorNames(reader.doc)).toEqual(['Grace Hopper']);
  });

  it('refuses a viewer by the policy table, with a sentence, and changes nothing', async () => {
    const { owner, boardId } = await ownBoard();
    const viewer = await signUp(app, 'Vera Viewer');
    await addMember(app, owner, viewer, 'viewer');

    const result = await app.services.applyOperation(
      boardId,
      addCreators,
      { creators: [{ name: 'Not Allowed' }] },
      asActor(viewer, 'viewer'),
    );

    expect(result).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Only owners and editors may do this; you are a viewer.' },
    });
    expect(app.services.collab.hocuspocus.documents.has(boardDocumentName(boardId))).toBe(false);
    expect(await logRows(boardDocumentName(boardId))).toBe(0);
    const reader = await connectSynced(app.url, boardId, owner);
    expect(creatorNames(reader.doc)).toEqual([]);
  });

  it("records the change in the activity history under the actor's name", async () => {
    const { owner, boardId } = await ownBoard();
    const editor = await signUp(app, 'Eddie Editor');
    await addMember(app, owner, editor, 'editor');
    const history = await connectSynced(app.url, boardId, owner, activityDocumentName(boardId));

    await app.services.applyOperation(
      boardId,
      addCreators,
      { creators: [{ name: 'Ada Lovelace' }] },
      asActor(editor, 'editor'),
    );

    await expect
      .poll(() =>
        readActivity(history.doc).map(({ kind, actorId, actorName, creatorName }) => ({
          kind,
          actorId,
          actorName,
          creatorName,
        })),
      )
      .toEqual([{ kind: 'added', actorId: editor.id, actorName: 'Eddie Editor', creatorName: 'Ada Lovelace' }]);
  });
});
