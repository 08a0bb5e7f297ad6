// The plain y-websocket endpoint (README "Standard Yjs clients"): the y-websocket client library
// reads and writes the same live board as the browsers on /collab, under the same rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { boardDocumentName, boardOperations, readBoard, runOperation } from '@roster/shared';
import type { RosterApp } from '@roster/server';
import { connectBoard, type BoardClient } from './support/clients.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { createBoard, signUp, type TestUser } from './support/factories.ts';

const { addCreators } = boardOperations;

let server: TestServer;
let app: RosterApp;
let sql: postgres.Sql;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  server = await startTestServer();
  app = server.app;
  sql = postgres(server.databaseUrl, { max: 1, onnotice: () => {} });
});
afterAll(async () => {
  cleanups.forEach((cleanup) => cleanup());
  await sql.end();
  await server.stop();
});

async function apiToken(user: TestUser, scope: 'read' | 'write'): Promise<string> {
  const made = await app.services.apiTokens.create(user.id, user.workspaceId, { name: `y-websocket ${scope}`, scope });
  if (!made.ok) throw new Error(made.error.message);
  return made.token;
}

/** A y-websocket client, as a script would make one. */
function yClient(boardId: string, token: string) {
  const doc = new Y.Doc();
  let closeCode: number | undefined;
  const provider = new WebsocketProvider(`${app.url.replace(/^http/, 'ws')}/yjs`, boardDocumentName(boardId), doc, {
    WebSocketPolyfill: WebSocket as never,
    params: { token },
    connect: false,
  });
  provider.on('connection-close', (event: CloseEvent | null) => {
    closeCode ??= event?.code;
  });
  provider.connect();
  cleanups.push(() => provider.destroy());
  return { doc, provider, closeCode: () => closeCode };
}

function browser(user: TestUser, boardId: string): BoardClient {
  const client = connectBoard(app.url, boardId, { cookie: user.cookie });
  cleanups.push(() => client.destroy());
  return client;
}

const names = (doc: Y.Doc) =>
  readBoard(doc)
    .creators.map((c) => c.name)
    .sort();
const ctx = (user: TestUser) => ({ actor: { id: user.id, name: user.name }, now: Date.now() });

describe('the y-websocket endpoint', () => {
  it('lets a y-websocket client with a write token add creators that a browser on /collab sees, and stores them', async () => {
    const owner = await signUp(app, 'Yara Script');
    const boardId = await createBoard(app, owner);
    const open = browser(owner, boardId);
    const script = yClient(boardId, await apiToken(owner, 'write'));
    await expect.poll(() => open.provider.isSynced && script.provider.synced).toBe(true);

    expect(runOperation(script.doc, addCreators, { creators: [{ name: 'From Python' }] }, ctx(owner)).ok).toBe(true);

    await expect.poll(() => names(open.doc)).toEqual(['From Python']);
    await expect
      .poll(async () => (await sql`select 1 from document_updates where name = ${boardDocumentName(boardId)}`).count)
      .toBeGreaterThan(0);
  });

  it('sends a browser’s edits to the y-websocket client as they happen', async () => {
    const owner = await signUp(app, 'Bea Browser');
    const boardId = await createBoard(app, owner);
    const open = browser(owner, boardId);
    const script = yClient(boardId, await apiToken(owner, 'read'));
    await expect.poll(() => open.provider.isSynced && script.provider.synced).toBe(true);

    runOperation(open.doc, addCreators, { creators: [{ name: 'Typed in the browser' }] }, ctx(owner));

    await expect.poll(() => names(script.doc)).toEqual(['Typed in the browser']);
  });

  it('drops the edits of a client with a read token: the board never has them', async () => {
    const owner = await signUp(app, 'Rhea Reader');
    const boardId = await createBoard(app, owner);
    const open = browser(owner, boardId);
    const reader = yClient(boardId, await apiToken(owner, 'read'));
    await expect.poll(() => open.provider.isSynced && reader.provider.synced).toBe(true);

    runOperation(reader.doc, addCreators, { creators: [{ name: 'Sneaked in' }] }, ctx(owner));
    runOperation(open.doc, addCreators, { creators: [{ name: 'Allowed' }] }, ctx(owner));

    await expect.poll(() => names(reader.doc)).toEqual(['Allowed', 'Sneaked in']);
    const live = await app.services.readLiveBoard.board(boardId);
    expect(live.creators.map((c) => c.name)).toEqual(['Allowed']);
    expect(names(open.doc)).toEqual(['Allowed']);
  });

  it('refuses a token of another workspace: the client never syncs', async () => {
    const owner = await signUp(app, 'Olga Owner');
    const stranger = await signUp(app, 'Stan Stranger');
    const boardId = await createBoard(app, owner);
    const intruder = yClient(boardId, await apiToken(stranger, 'write'));
    await expect.poll(() => intruder.closeCode()).toBe(4401);
    expect(intruder.provider.synced).toBe(false);
  });

  it('closes a socket that sends a message no Yjs client sends (4400), and keeps serving others', async () => {
    const owner = await signUp(app, 'Hana Hostile');
    const boardId = await createBoard(app, owner);
    const token = await apiToken(owner, 'write');
    const socket = new WebSocket(
      `${app.url.replace(/^http/, 'ws')}/yjs/${boardDocumentName(boardId)}?token=${encodeURIComponent(token)}`,
    );
    socket.on('error', () => {});
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    await new Promise((resolve) => socket.once('message', resolve));
    // Sync message, type "update", whose update is garbage.
    socket.send(new Uint8Array([0, 2, 5, 255, 255, 255, 255, 255]));
    expect(await closed).toBe(4400);

    const open = browser(owner, boardId);
    await expect.poll(() => open.provider.isSynced).toBe(true);
  });
});
