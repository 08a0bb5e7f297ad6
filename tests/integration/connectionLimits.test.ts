import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardDocumentName, CloseCode } from '@roster/shared';
import { openedConnections } from './support/openedConnections.ts';
import { createTestDatabase } from './support/database.ts';
import { addMember, createBoard, signUp } from './support/factories.ts';
import {
  broadcastStatelessMessage,
  syncStep1Message,
  updateMessage,
  type RawBoardSocket,
} from './support/rawBoardSocket.ts';
import { rawConnect, serverCloseCode, upgradeRequest } from './support/rawSockets.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { setTitle } from './support/titleEdits.ts';

// One database; each describe starts a server on it with the limits it tests, kept small so the
// tests reach them in a few hundred messages and milliseconds.
let database: Awaited<ReturnType<typeof createTestDatabase>>;
const { connect, openRaw, closeAll } = openedConnections();

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  closeAll();
  await database.drop();
});

function serverWith(env: Record<string, string>) {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(env, database.url);
  });
  afterAll(async () => {
    await server.app.close();
  });
  return () => server;
}

/** Resolves once the server has read everything sent before (its pong), or closed the socket. */
const roundTrip = (raw: RawBoardSocket) =>
  Promise.race([new Promise<void>((resolve) => raw.ws.once('pong', () => resolve()).ping()), raw.closed]);

/** A real Yjs update, as a provider would send for one edit. */
function someUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('junk').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

describe('what a socket may queue before its document is authenticated', () => {
  const server = serverWith({
    PENDING_MAX_MESSAGES: '50',
    MAX_MESSAGE_BYTES: '4096',
    PENDING_MAX_BYTES: '32768',
  });

  it('closes a socket at the first message for a board it was refused', async () => {
    const owner = await signUp(server().app);
    const stranger = await signUp(server().app);
    const name = boardDocumentName(await createBoard(server().app, owner));
    const raw = await openRaw(server().app.url, stranger.cookie);
    expect(await raw.authenticate(name)).toBe('denied');
    raw.send(updateMessage(name, someUpdate('let me in')));
    expect(await raw.closed).toBe(CloseCode.BadMessage);
  });

  it('closes a socket once more messages than PENDING_MAX_MESSAGES wait for authentication', async () => {
    const member = await signUp(server().app);
    const name = boardDocumentName(await createBoard(server().app, member));
    const raw = await openRaw(server().app.url, member.cookie);
    // No auth message: Hocuspocus would keep all of these until the socket closes. 50 fit.
    for (let i = 0; i < 49; i++) raw.send(updateMessage(name, someUpdate('x')));
    raw.send(syncStep1Message('board:elsewhere'));
    await roundTrip(raw);
    expect(raw.closeCode()).toBeUndefined();
    raw.send(updateMessage(name, someUpdate('one too many')));
    expect(await raw.closed).toBe(CloseCode.TooManyMessages);
  });

  it('closes a socket once more bytes than PENDING_MAX_BYTES wait for authentication', async () => {
    const member = await signUp(server().app);
    const name = boardDocumentName(await createBoard(server().app, member));
    const raw = await openRaw(server().app.url, member.cookie);
    const large = updateMessage(name, someUpdate('y'.repeat(3000)));
    const fit = Math.floor(32768 / large.byteLength);
    for (let i = 0; i < fit; i++) raw.send(large);
    await roundTrip(raw);
    expect(raw.closeCode()).toBeUndefined();
    raw.send(large);
    expect(await raw.closed).toBe(CloseCode.TooManyMessages);
  });

  it('lets through what was queued once the document opens, and does not count it again', async () => {
    const member = await signUp(server().app);
    const boardId = await createBoard(server().app, member);
    const name = boardDocumentName(boardId);
    const raw = await openRaw(server().app.url, member.cookie);
    void raw.authenticate(name);
    // Sent before the answer: queued by Hocuspocus, replayed once the board is loaded.
    for (let i = 0; i < 40; i++) raw.send(syncStep1Message(name));
    await expect.poll(() => raw.syncStep2Count()).toBe(40);
    // The 40 no longer count as pending: 40 more messages for another board still fit under 50.
    for (let i = 0; i < 40; i++) raw.send(syncStep1Message('board:elsewhere'));
    raw.send(syncStep1Message(name));
    await expect.poll(() => raw.syncStep2Count()).toBe(41);
    expect(raw.closeCode()).toBeUndefined();
  });
});

describe('rate limits', () => {
  const server = serverWith({
    CONNECTION_MESSAGES_PER_SECOND: '100',
    USER_MESSAGES_PER_SECOND: '150',
    RATE_LIMIT_BURST_SECONDS: '1',
  });

  it('closes an editor that sends changes faster than the limit with 4429, and another board still opens fast', async () => {
    const flooder = await signUp(server().app);
    const other = await signUp(server().app);
    const floodedBoard = await createBoard(server().app, flooder);
    const otherBoard = await createBoard(server().app, other);
    const editor = connect(server().app.url, floodedBoard, { cookie: flooder.cookie });
    await expect.poll(() => editor.provider.isSynced).toBe(true);
    for (let i = 0; i < 2000; i++) setTitle(editor.doc, `Title ${i}`);
    await expect.poll(() => editor.closeCode()).toBe(CloseCode.TooManyMessages);

    const started = performance.now();
    const reader = connect(server().app.url, otherBoard, { cookie: other.cookie });
    await expect.poll(() => reader.provider.isSynced).toBe(true);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("closes a user's sockets once together they send more than the user's limit", async () => {
    const user = await signUp(server().app);
    const boardId = await createBoard(server().app, user);
    const [a, b] = [1, 2].map(() => connect(server().app.url, boardId, { cookie: user.cookie }));
    await expect.poll(() => a!.provider.isSynced && b!.provider.isSynced).toBe(true);
    // 90 each: within the connection limit (100), past the user's (150) together.
    for (let i = 0; i < 90; i++) {
      setTitle(a!.doc, `A ${i}`);
      setTitle(b!.doc, `B ${i}`);
    }
    await expect.poll(() => [a!.closeCode(), b!.closeCode()]).toContain(CloseCode.TooManyMessages);
  });

  it('lets an editor within the limits keep editing', async () => {
    const user = await signUp(server().app);
    const boardId = await createBoard(server().app, user);
    const editor = connect(server().app.url, boardId, { cookie: user.cookie });
    await expect.poll(() => editor.provider.isSynced).toBe(true);
    for (let i = 0; i < 60; i++) setTitle(editor.doc, `Title ${i}`);
    await expect.poll(() => editor.provider.hasUnsyncedChanges).toBe(false);
    expect(editor.closeCode()).toBeUndefined();
  });
});

describe('stateless broadcasts', () => {
  const server = serverWith({});

  it("relays no client's broadcast, so every stateless message a page gets is the server's", async () => {
    const owner = await signUp(server().app);
    const viewer = await signUp(server().app);
    await addMember(server().app, owner, viewer, 'viewer');
    const name = boardDocumentName(await createBoard(server().app, owner));
    const [ownerSocket, viewerSocket] = await Promise.all([
      openRaw(server().app.url, owner.cookie),
      openRaw(server().app.url, viewer.cookie),
    ]);
    for (const socket of [ownerSocket, viewerSocket]) {
      expect(await socket.authenticate(name)).toBe('authenticated');
      socket.send(syncStep1Message(name));
      await expect.poll(() => socket.syncStep2Count()).toBe(1);
    }

    viewerSocket.send(broadcastStatelessMessage(name, 'x'.repeat(100_000)));
    // An editor posing as the server: "you are a viewer now".
    ownerSocket.send(broadcastStatelessMessage(name, '{"type":"roster:roleChanged","role":"viewer"}'));
    // Answered after the broadcasts were handled (one socket's messages are handled in order).
    for (const socket of [ownerSocket, viewerSocket]) {
      socket.send(syncStep1Message(name));
      await expect.poll(() => socket.syncStep2Count()).toBe(2);
    }
    expect(ownerSocket.stateless).toEqual([]);
    expect(viewerSocket.stateless).toEqual([]);
    expect(ownerSocket.closeCode()).toBeUndefined();
  });
});

describe('slow and half-open connections', () => {
  const server = serverWith({
    HTTP_HEADERS_TIMEOUT_MS: '300',
    HTTP_REQUEST_TIMEOUT_MS: '600',
    UPGRADE_TIMEOUT_MS: '300',
  });

  it('drops a request whose headers never finish (slowloris)', async () => {
    const raw = await rawConnect(server().app.url);
    raw.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    const drip = setInterval(() => raw.socket.write('X-Slow: 1\r\n'), 50);
    const started = performance.now();
    await raw.ended;
    clearInterval(drip);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('drops an upgrade whose headers never finish', async () => {
    const raw = await rawConnect(server().app.url);
    const request = upgradeRequest(server().app.url);
    raw.socket.write(request.subarray(0, request.length - 2));
    await raw.ended;
    expect(raw.received().toString('latin1')).not.toMatch(/^HTTP\/1\.1 101/);
  });

  it('closes an accepted socket that opens no board in time', async () => {
    const member = await signUp(server().app);
    const raw = await openRaw(server().app.url, member.cookie);
    expect(await raw.closed).toBe(CloseCode.Timeout);
  });

  it('drops a refused socket whose client never answers the close', async () => {
    const raw = await rawConnect(server().app.url);
    raw.socket.write(upgradeRequest(server().app.url));
    await expect.poll(() => serverCloseCode(raw.received())).toBe(CloseCode.Unauthorized);
    // ws alone would wait 30 s for the client's close frame.
    await raw.ended;
  });
});
