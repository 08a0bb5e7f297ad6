import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoardSignal, CloseCode, closeReason, COLLAB_PATH, parseBoardSignal } from '@roster/shared';
import WebSocket from 'ws';
import { MessageType } from '@hocuspocus/provider';
import * as decoding from 'lib0/decoding';
import type { BoardClient } from './support/clients.ts';
import { openedConnections } from './support/openedConnections.ts';
import { addMember, collabToken, createBoard, sessionCookie, signUp } from './support/factories.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { readTitle, setTitle } from './support/titleEdits.ts';

let server: TestServer;
const { connect, closeAll } = openedConnections();

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  closeAll();
  await server.stop();
});

/** The names in the presence states a client holds (its own included when set). */
const names = (client: BoardClient) =>
  [...client.provider.awareness!.getStates().values()]
    .map((state) => (state.user as { name?: string })?.name)
    .filter((name) => name !== undefined);

describe('board connections', () => {
  it('two members editing one board converge', async () => {
    const owner = await signUp(server.app, 'Olivia Owner');
    const editor = await signUp(server.app, 'Eddie Editor');
    await addMember(server.app, owner, editor, 'editor');
    const boardId = await createBoard(server.app, owner);
    const a = connect(server.app.url, boardId, { cookie: owner.cookie });
    const b = connect(server.app.url, boardId, { cookie: editor.cookie });
    await expect.poll(() => a.provider.isSynced && b.provider.isSynced).toBe(true);
    setTitle(a.doc, 'Spring push');
    await expect.poll(() => readTitle(b.doc)).toBe('Spring push');
    setTitle(b.doc, 'Spring push EU');
    await expect.poll(() => readTitle(a.doc)).toBe('Spring push EU');
  });

  it('refuses a socket without a session with the Unauthorized close code', async () => {
    const owner = await signUp(server.app);
    const boardId = await createBoard(server.app, owner);
    const anonymous = connect(server.app.url, boardId, {});
    await expect.poll(() => anonymous.closeCode()).toBe(CloseCode.Unauthorized);
    const forged = connect(server.app.url, boardId, { cookie: sessionCookie('not-a-real-token') });
    await expect.poll(() => forged.closeCode()).toBe(CloseCode.Unauthorized);
  });

  it('refuses a socket opened from a foreign origin', async () => {
    const owner = await signUp(server.app);
    const boardId = await createBoard(server.app, owner);
    const client = connect(server.app.url, boardId, { cookie: owner.cookie, origin: 'https://evil.example' });
    await expect.poll(() => client.closeCode()).toBe(CloseCode.ForeignOrigin);
    expect(client.provider.isSynced).toBe(false);
  });

  it('refuses a non-member and an unknown board with named reasons', async () => {
    const owner = await signUp(server.app);
    const stranger = await signUp(server.app);
    const boardId = await createBoard(server.app, owner);
    const client = connect(server.app.url, boardId, { cookie: stranger.cookie });
    await expect.poll(() => client.deniedReason()).toBe(closeReason(CloseCode.Forbidden));
    const unknown = connect(server.app.url, 'nosuchboard', { cookie: owner.cookie });
    await expect.poll(() => unknown.deniedReason()).toBe(closeReason(CloseCode.NotFound));
    const junkName = connect(server.app.url, boardId, { cookie: owner.cookie, documentName: '../../etc/passwd' });
    await expect.poll(() => junkName.deniedReason()).toBe(closeReason(CloseCode.NotFound));
  });

  it('disconnects a member when an owner removes them, and refuses their next connection', async () => {
    const owner = await signUp(server.app);
    const editor = await signUp(server.app);
    await addMember(server.app, owner, editor, 'editor');
    const boardId = await createBoard(server.app, owner);
    const client = connect(server.app.url, boardId, { cookie: editor.cookie });
    await expect.poll(() => client.provider.isSynced).toBe(true);
    const removed = await server.app.services.workspaces.removeMember(owner.id, owner.workspaceId, editor.id);
    expect(removed.ok).toBe(true);
    await expect.poll(() => client.closedReason()).toBe(closeReason(CloseCode.Forbidden));
    const again = connect(server.app.url, boardId, { cookie: editor.cookie });
    await expect.poll(() => again.deniedReason()).toBe(closeReason(CloseCode.Forbidden));
  });

  it('disconnects everyone from a board when it is archived', async () => {
    const owner = await signUp(server.app);
    const boardId = await createBoard(server.app, owner);
    const client = connect(server.app.url, boardId, { cookie: owner.cookie });
    await expect.poll(() => client.provider.isSynced).toBe(true);
    await server.app.services.boards.setArchived(owner.id, boardId, true);
    await expect.poll(() => client.closedReason()).toBe(closeReason(CloseCode.NotFound));
  });

  it('tells the board pages open on a board, and only those, to re-read its name when it is renamed', async () => {
    const owner = await signUp(server.app);
    const boardId = await createBoard(server.app, owner);
    const otherBoardId = await createBoard(server.app, owner);
    const client = connect(server.app.url, boardId, { cookie: owner.cookie });
    const other = connect(server.app.url, otherBoardId, { cookie: owner.cookie });
    const heard: string[] = [];
    const heardElsewhere: string[] = [];
    client.provider.on('stateless', ({ payload }: { payload: string }) => heard.push(payload));
    other.provider.on('stateless', ({ payload }: { payload: string }) => heardElsewhere.push(payload));
    await expect.poll(() => client.provider.isSynced && other.provider.isSynced).toBe(true);
    expect(await server.app.services.boards.rename(owner.id, boardId, { name: 'Renamed' })).toEqual({ ok: true });
    await expect.poll(() => heard.map(parseBoardSignal)).toEqual([BoardSignal.Renamed]);
    expect((await server.app.services.boards.get(boardId))?.name).toBe('Renamed');
    // A refused rename changes nothing and tells nobody.
    const refused = await server.app.services.boards.rename(owner.id, boardId, { name: '   ' });
    expect(refused).toMatchObject({ ok: false, status: 400 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(heard).toHaveLength(1);
    expect(heardElsewhere).toEqual([]);
  });

  it("drops a viewer's updates: neither other clients nor the database receive them", async () => {
    const owner = await signUp(server.app);
    const viewer = await signUp(server.app);
    await addMember(server.app, owner, viewer, 'viewer');
    const boardId = await createBoard(server.app, owner);
    const ownerClient = connect(server.app.url, boardId, { cookie: owner.cookie });
    const viewerClient = connect(server.app.url, boardId, { cookie: viewer.cookie });
    await expect.poll(() => ownerClient.provider.isSynced && viewerClient.provider.isSynced).toBe(true);
    setTitle(ownerClient.doc, 'Set by the owner');
    await expect.poll(() => readTitle(viewerClient.doc)).toBe('Set by the owner');
    setTitle(viewerClient.doc, 'Hacked by the viewer');
    // The server answers a viewer's update with a failed sync status instead of applying it.
    await expect.poll(() => viewerClient.provider.unsyncedChanges).toBeGreaterThan(0);
    setTitle(ownerClient.doc, 'Second owner edit');
    await expect.poll(() => ownerClient.provider.unsyncedChanges).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(readTitle(ownerClient.doc)).toBe('Second owner edit');
    const rows = await server.app.services.sql<{ update: Buffer }[]>`
      select update from document_updates where name = ${`board:${boardId}`}`;
    const logged = rows.map((row) => row.update.toString('latin1')).join('');
    expect(logged).not.toContain('Hacked by the viewer');
    const fresh = connect(server.app.url, boardId, { cookie: owner.cookie });
    await expect.poll(() => fresh.provider.isSynced).toBe(true);
    expect(readTitle(fresh.doc)).toBe('Second owner edit');
  });

  it('lets a script connect with a short-lived collab token instead of a cookie', async () => {
    const owner = await signUp(server.app);
    const boardId = await createBoard(server.app, owner);
    const token = await collabToken(server.app, owner);
    const script = connect(server.app.url, boardId, { token, origin: '' });
    await expect.poll(() => script.provider.isSynced).toBe(true);
    const wrong = connect(server.app.url, boardId, { token: 'wrong-token' });
    await expect.poll(() => wrong.closeCode()).toBe(CloseCode.Unauthorized);
  });

  it('refuses an oversized message and keeps serving other clients', async () => {
    const small = await startTestServer({ MAX_MESSAGE_BYTES: '4096' }, server.databaseUrl);
    try {
      const owner = await signUp(small.app);
      const boardId = await createBoard(small.app, owner);
      const big = connect(small.app.url, boardId, { cookie: owner.cookie });
      await expect.poll(() => big.provider.isSynced).toBe(true);
      setTitle(big.doc, 'x'.repeat(150));
      big.doc.getText('junk').insert(0, 'y'.repeat(10_000));
      await expect.poll(() => big.closeCode()).toBe(CloseCode.MessageTooLarge);
      const other = connect(small.app.url, boardId, { cookie: owner.cookie });
      await expect.poll(() => other.provider.isSynced).toBe(true);
      const health = await fetch(`${small.app.url}/healthz`);
      expect(health.status).toBe(200);
      big.destroy();
      other.destroy();
    } finally {
      await small.app.close();
    }
  });

  it('closes a connection that sends a malformed message without crashing the server', async () => {
    const owner = await signUp(server.app);
    const boardId = await createBoard(server.app, owner);
    const raw = new WebSocket(`${server.app.url.replace('http', 'ws')}${COLLAB_PATH}`, {
      headers: { cookie: owner.cookie, origin: server.app.url },
    });
    const closed = new Promise<number>((resolve) => raw.on('close', (code) => resolve(code)));
    await new Promise((resolve) => raw.on('open', resolve));
    raw.send(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]));
    raw.send(Buffer.from('not a yjs message at all'));
    await closed;
    const client = connect(server.app.url, boardId, { cookie: owner.cookie });
    await expect.poll(() => client.provider.isSynced).toBe(true);
  });
});

describe('signing out', () => {
  it("closes the sockets of a session when it ends, and only that session's", async () => {
    const owner = await signUp(server.app);
    const boardId = await createBoard(server.app, owner);
    const other = await server.app.services.accounts.logIn(
      { email: owner.email, password: owner.password },
      '10.9.0.1',
    );
    if (!other.ok) throw new Error(other.error.message);
    const signedOut = connect(server.app.url, boardId, { cookie: owner.cookie });
    const stillIn = connect(server.app.url, boardId, { cookie: sessionCookie(other.token) });
    await expect.poll(() => signedOut.provider.isSynced && stillIn.provider.isSynced).toBe(true);
    const session = await server.app.services.sessions.validate(owner.cookie.split('=')[1]);
    await server.app.services.sessions.invalidate(session!.sessionId);
    await expect.poll(() => signedOut.closeCode()).toBe(CloseCode.Unauthorized);
    expect(stillIn.closeCode()).toBeUndefined();
  });
});

describe('presence', () => {
  it('sends only its own presence, and every peer still sees changes and departures', async () => {
    const owner = await signUp(server.app, 'Ada');
    const ben = await signUp(server.app, 'Ben');
    await addMember(server.app, owner, ben, 'editor');
    const boardId = await createBoard(server.app, owner);
    // Three clients configured as the web app configures them, and one stock provider.
    const [a, b, c] = [owner, ben, owner].map((user) =>
      connect(server.app.url, boardId, { cookie: user.cookie, ownPresenceOnly: true }),
    );
    const stock = connect(server.app.url, boardId, { cookie: owner.cookie });
    const all = [a!, b!, c!, stock];
    await expect.poll(() => all.every((client) => client.provider.isSynced)).toBe(true);
    const sent = new Map<BoardClient, number>(all.map((client) => [client, 0]));
    for (const client of all)
      client.provider.on('outgoingMessage', ({ message }: { message: { type: number } }) => {
        if (message.type === MessageType.Awareness) sent.set(client, sent.get(client)! + 1);
      });

    a!.provider.setAwarenessField('user', { name: 'Ada' });
    await expect.poll(() => [b!, c!, stock].map((client) => names(client).includes('Ada'))).toEqual([true, true, true]);
    // The stock provider is the control: it sends Ada's presence back to the server.
    await expect.poll(() => sent.get(stock)).toBeGreaterThan(0);
    expect([sent.get(a!), sent.get(b!), sent.get(c!)]).toEqual([1, 0, 0]);

    b!.provider.setAwarenessField('user', { name: 'Ben' });
    await expect.poll(() => names(a!)).toContain('Ben');
    a!.destroy();
    await expect.poll(() => names(b!)).not.toContain('Ada');
    expect(sent.get(c!)).toBe(0);
  });
});

describe('presence broadcast', () => {
  /** Awareness messages a client receives, with the client ids in each. */
  function presenceReceived(client: BoardClient) {
    const received: number[][] = [];
    client.provider.on('message', ({ event }: { event: MessageEvent }) => {
      const decoder = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer));
      decoding.readVarString(decoder);
      if (decoding.readVarUint(decoder) !== MessageType.Awareness) return;
      const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
      const ids: number[] = [];
      for (let i = decoding.readVarUint(update); i > 0; i--) {
        ids.push(decoding.readVarUint(update));
        decoding.readVarUint(update); // clock
        decoding.readVarString(update); // state
      }
      received.push(ids);
    });
    return received;
  }

  it("sends a presence change to everyone else once, not back to its author, and removes a closed socket's presence", async () => {
    const owner = await signUp(server.app, 'Ada');
    const ben = await signUp(server.app, 'Ben');
    await addMember(server.app, owner, ben, 'editor');
    const boardId = await createBoard(server.app, owner);
    const [a, b, c] = [owner, ben, owner].map((user) =>
      connect(server.app.url, boardId, { cookie: user.cookie, ownPresenceOnly: true }),
    );
    await expect.poll(() => [a!, b!, c!].every((client) => client.provider.isSynced)).toBe(true);
    const [toA, toB, toC] = [a!, b!, c!].map(presenceReceived);
    const aId = a!.provider.awareness!.clientID;

    a!.provider.setAwarenessField('user', { name: 'Ada' });
    await expect.poll(() => [names(b!), names(c!)]).toEqual([['Ada'], ['Ada']]);
    expect(toB!.filter((ids) => ids.includes(aId))).toHaveLength(1);
    expect(toC!.filter((ids) => ids.includes(aId))).toHaveLength(1);
    // B's change reaches A, so A's socket is open and would have had its own copy by now.
    b!.provider.setAwarenessField('user', { name: 'Ben' });
    await expect.poll(() => names(a!)).toContain('Ben');
    expect(toA!.filter((ids) => ids.includes(aId))).toEqual([]);

    // A's socket closes without A saying goodbye: the server removes A's presence for the others.
    a!.provider.configuration.websocketProvider.disconnect();
    await expect.poll(() => names(c!)).toEqual(['Ben']);
  });
});

describe('update broadcast', () => {
  /** Sync-update messages (Hocuspocus Sync, y-protocols Update) a client receives. */
  function countUpdatesReceived(client: BoardClient) {
    let count = 0;
    client.provider.on('message', ({ event }: { event: MessageEvent }) => {
      const decoder = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer));
      decoding.readVarString(decoder);
      if (decoding.readVarUint(decoder) === MessageType.Sync && decoding.readVarUint(decoder) === 2) count++;
    });
    return () => count;
  }

  it('sends an update to the other clients and acknowledges it to its sender without a copy', async () => {
    const owner = await signUp(server.app);
    const boardId = await createBoard(server.app, owner);
    const a = connect(server.app.url, boardId, { cookie: owner.cookie });
    const b = connect(server.app.url, boardId, { cookie: owner.cookie });
    await expect.poll(() => a.provider.isSynced && b.provider.isSynced).toBe(true);
    const receivedByA = countUpdatesReceived(a);
    const receivedByB = countUpdatesReceived(b);

    for (const title of ['One', 'Two', 'Three']) setTitle(a.doc, title);
    await expect.poll(() => readTitle(b.doc)).toBe('Three');
    await expect.poll(() => a.provider.hasUnsyncedChanges).toBe(false);
    expect(receivedByB()).toBe(3);
    expect(receivedByA()).toBe(0);

    // The next message to A after its own edit still arrives: B's edit.
    setTitle(b.doc, 'From B');
    await expect.poll(() => readTitle(a.doc)).toBe('From B');
    expect(receivedByA()).toBe(1);
  });
});
