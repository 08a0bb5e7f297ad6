import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityDocumentName, boardDocumentName, CloseCode, closeReason, parseRoleChanged } from '@roster/shared';
import type { BoardClient } from './support/clients.ts';
import { openedConnections } from './support/openedConnections.ts';
import { addMember, collabToken, createBoard, sessionCookie, sessionIdOf, signUp } from './support/factories.ts';
import { authMessage, presenceMessage } from './support/rawBoardSocket.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { readTitle, setTitle } from './support/titleEdits.ts';

let server: TestServer;
const { connect, openRaw, closeAll } = openedConnections();

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  closeAll();
  await server.stop();
});

describe('sessions and open sockets', () => {
  it('closes the whole socket when its session signs out, so it cannot authenticate again', async () => {
    const owner = await signUp(server.app);
    const boardId = await createBoard(server.app, owner);
    const socket = await openRaw(server.app.url, owner.cookie);
    expect(await socket.authenticate(boardDocumentName(boardId))).toBe('authenticated');

    await server.app.services.sessions.invalidate(await sessionIdOf(server.app, owner));
    expect(await socket.closed).toBe(CloseCode.Unauthorized);
  });

  it('closes a socket whose session ended unannounced at the next document it opens', async () => {
    const owner = await signUp(server.app);
    const boardId = await createBoard(server.app, owner);
    const socket = await openRaw(server.app.url, owner.cookie);
    expect(await socket.authenticate(boardDocumentName(boardId))).toBe('authenticated');
    // Deleted behind the board server's back: no access event tells it.
    await server.app.services.sql`delete from sessions where id = ${await sessionIdOf(server.app, owner)}`;

    socket.send(authMessage(activityDocumentName(boardId)));
    expect(await socket.closed).toBe(CloseCode.Unauthorized);
  });

  it("closes every socket of every session of a user signed out everywhere, and no one else's", async () => {
    const owner = await signUp(server.app);
    const other = await signUp(server.app);
    const boardId = await createBoard(server.app, owner);
    const otherBoardId = await createBoard(server.app, other);
    const second = await server.app.services.accounts.logIn(
      { email: owner.email, password: owner.password },
      '10.9.0.2',
    );
    if (!second.ok) throw new Error(second.error.message);
    const laptop = connect(server.app.url, boardId, { cookie: owner.cookie });
    const phone = connect(server.app.url, boardId, { cookie: sessionCookie(second.token) });
    const script = connect(server.app.url, boardId, { token: await collabToken(server.app, owner), origin: '' });
    const stranger = connect(server.app.url, otherBoardId, { cookie: other.cookie });
    const all = [laptop, phone, script, stranger];
    await expect.poll(() => all.every((client) => client.provider.isSynced)).toBe(true);

    await server.app.services.sessions.invalidateAllOf(owner.id);
    await expect
      .poll(() => [laptop, phone, script].map((client) => client.closeCode()))
      .toEqual([CloseCode.Unauthorized, CloseCode.Unauthorized, CloseCode.Unauthorized]);
    expect(stranger.closeCode()).toBeUndefined();
  });
});

describe('sessions that expire', () => {
  let expiring: TestServer;
  beforeAll(async () => {
    // A short sweep, so that an expired session is found within a test.
    expiring = await startTestServer({ SESSION_CHECK_INTERVAL_MS: '200' });
  });
  afterAll(async () => {
    await expiring.stop();
  });

  it('closes the sockets of a session that expires while they are open', async () => {
    const owner = await signUp(expiring.app);
    const boardId = await createBoard(expiring.app, owner);
    const client = connect(expiring.app.url, boardId, { cookie: owner.cookie });
    await expect.poll(() => client.provider.isSynced).toBe(true);

    await expiring.app.services.sql`
      update sessions set expires_at = now() - interval '1 second'
      where id = ${await sessionIdOf(expiring.app, owner)}`;
    await expect.poll(() => client.closeCode()).toBe(CloseCode.Unauthorized);
  });
});

describe('collab tokens', () => {
  it('refuses a token once the session that minted it has signed out', async () => {
    const owner = await signUp(server.app);
    const boardId = await createBoard(server.app, owner);
    const token = await collabToken(server.app, owner);
    await server.app.services.sessions.invalidate(await sessionIdOf(server.app, owner));

    const script = connect(server.app.url, boardId, { token, origin: '' });
    await expect.poll(() => script.closeCode()).toBe(CloseCode.Unauthorized);
  });

  it('closes a socket opened with a token when the session that minted it signs out', async () => {
    const owner = await signUp(server.app);
    const boardId = await createBoard(server.app, owner);
    const script = connect(server.app.url, boardId, { token: await collabToken(server.app, owner), origin: '' });
    await expect.poll(() => script.provider.isSynced).toBe(true);

    await server.app.services.sessions.invalidate(await sessionIdOf(server.app, owner));
    await expect.poll(() => script.closeCode()).toBe(CloseCode.Unauthorized);
  });

  it('mints no token for a session that has ended', async () => {
    const owner = await signUp(server.app);
    const sessionId = await sessionIdOf(server.app, owner);
    await server.app.services.sessions.invalidate(sessionId);
    expect(await server.app.services.sessions.createCollabToken(sessionId)).toBeNull();
  });

  it('keeps the documents a socket opened with a token, but opens no new one once the token expired', async () => {
    const owner = await signUp(server.app);
    const boardId = await createBoard(server.app, owner);
    const socket = await openRaw(server.app.url, '', { token: await collabToken(server.app, owner) });
    expect(await socket.authenticate(boardDocumentName(boardId))).toBe('authenticated');

    // Ten minutes later, as far as the token is concerned; its session is still signed in.
    await server.app.services.sql`
      update collab_tokens set expires_at = now() - interval '1 second'
      where session_id = ${await sessionIdOf(server.app, owner)}`;
    expect(await socket.authenticate(activityDocumentName(boardId))).toBe('denied');
    expect(socket.deniedReason(activityDocumentName(boardId))).toBe(closeReason(CloseCode.Unauthorized));
    expect(socket.closeCode()).toBeUndefined();
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);
  });
});

describe('presence', () => {
  /** The presence states a client holds, by client id. */
  const statesOf = (client: BoardClient) => client.provider.awareness!.getStates();

  it("lets a viewer set only its own presence, under its own name and role, never the owner's or a made-up client's", async () => {
    const owner = await signUp(server.app, 'Ada');
    const viewer = await signUp(server.app, 'Vic');
    await addMember(server.app, owner, viewer, 'viewer');
    const boardId = await createBoard(server.app, owner);
    const name = boardDocumentName(boardId);
    const ada = connect(server.app.url, boardId, { cookie: owner.cookie, ownPresenceOnly: true });
    const observer = connect(server.app.url, boardId, { cookie: owner.cookie, ownPresenceOnly: true });
    await expect.poll(() => ada.provider.isSynced && observer.provider.isSynced).toBe(true);
    ada.provider.setAwarenessField('user', { id: owner.id, name: 'Ada', color: '#112233' });
    const adaId = ada.provider.awareness!.clientID;
    await expect.poll(() => (statesOf(observer).get(adaId)?.user as { name?: string })?.name).toBe('Ada');

    const socket = await openRaw(server.app.url, viewer.cookie);
    expect(await socket.authenticate(name)).toBe('authenticated');
    const fake = (label: string) => ({ user: { id: owner.id, name: label, role: 'owner', color: 'red;x' } });
    // Ada's own client id, with a newer clock: it would replace her presence.
    socket.send(presenceMessage(name, [[adaId, 1_000, fake('Mallory')]]));
    // A client of its own: it may have one, but under its own name and role.
    socket.send(presenceMessage(name, [[424_242, 1, fake('Owner')]]));
    // A second one, and Ada's again alongside its own.
    socket.send(presenceMessage(name, [[999, 1, fake('Second owner')]]));
    socket.send(
      presenceMessage(name, [
        [adaId, 2_000, fake('Mallory')],
        [424_242, 2, { ...fake('Owner'), last: true }],
      ]),
    );

    await expect.poll(() => statesOf(observer).get(424_242)?.last).toBe(true);
    expect(statesOf(observer).get(424_242)?.user).toEqual({ id: viewer.id, name: 'Vic', role: 'viewer' });
    expect(statesOf(observer).get(adaId)?.user).toEqual({ id: owner.id, name: 'Ada', role: 'owner', color: '#112233' });
    expect(statesOf(observer).has(999)).toBe(false);
    expect(statesOf(ada).get(424_242)?.user).toEqual({ id: viewer.id, name: 'Vic', role: 'viewer' });
  });

  it('stamps a presence state sent again unchanged with the role its sender has now', async () => {
    const owner = await signUp(server.app, 'Ada');
    const editor = await signUp(server.app, 'Ed');
    await addMember(server.app, owner, editor, 'editor');
    const boardId = await createBoard(server.app, owner);
    const name = boardDocumentName(boardId);
    const observer = connect(server.app.url, boardId, { cookie: owner.cookie, ownPresenceOnly: true });
    await expect.poll(() => observer.provider.isSynced).toBe(true);
    const socket = await openRaw(server.app.url, editor.cookie);
    expect(await socket.authenticate(name)).toBe('authenticated');
    const roleSeen = () => (statesOf(observer).get(4242)?.user as { role?: string } | undefined)?.role;
    const state = { user: { name: 'Ed', color: '#445566' } };
    socket.send(presenceMessage(name, [[4242, 1, state]]));
    await expect.poll(roleSeen).toBe('editor');

    const changed = await server.app.services.workspaces.changeRole(owner.id, owner.workspaceId, {
      userId: editor.id,
      role: 'viewer',
    });
    expect(changed).toMatchObject({ ok: true });
    // The same state with a newer clock, as a provider renews its presence every 15 s.
    socket.send(presenceMessage(name, [[4242, 2, state]]));
    await expect.poll(roleSeen).toBe('viewer');
  });
});

describe('role changes on open connections', () => {
  /** What the server told a client about its role, in order. */
  function rolesTold(client: BoardClient) {
    const told: unknown[] = [];
    client.provider.on('stateless', ({ payload }: { payload: string }) => {
      const changed = parseRoleChanged(payload);
      if (changed) told.push(changed);
    });
    return told;
  }

  it('tells an open connection it was made a viewer, and drops its edits from then on', async () => {
    const owner = await signUp(server.app);
    const editor = await signUp(server.app);
    await addMember(server.app, owner, editor, 'editor');
    const boardId = await createBoard(server.app, owner);
    const ownerClient = connect(server.app.url, boardId, { cookie: owner.cookie });
    const editorClient = connect(server.app.url, boardId, { cookie: editor.cookie });
    await expect.poll(() => ownerClient.provider.isSynced && editorClient.provider.isSynced).toBe(true);
    const told = rolesTold(editorClient);

    const changed = await server.app.services.workspaces.changeRole(owner.id, owner.workspaceId, {
      userId: editor.id,
      role: 'viewer',
    });
    expect(changed).toMatchObject({ ok: true });
    await expect.poll(() => told).toEqual([{ role: 'viewer', canEdit: false }]);
    setTitle(editorClient.doc, 'Edited as a viewer');
    await expect.poll(() => editorClient.provider.unsyncedChanges).toBeGreaterThan(0);
    // Presence sent after the edit reaches the owner, so the edit was handled before it.
    editorClient.provider.setAwarenessField('user', { name: 'after the edit' });
    await expect
      .poll(() => [...ownerClient.provider.awareness!.getStates().values()].some((state) => state.user))
      .toBe(true);
    expect(readTitle(ownerClient.doc)).toBe('');
  });

  it('tells an open connection it was made an editor, and keeps its edits from then on', async () => {
    const owner = await signUp(server.app);
    const viewer = await signUp(server.app);
    await addMember(server.app, owner, viewer, 'viewer');
    const boardId = await createBoard(server.app, owner);
    const ownerClient = connect(server.app.url, boardId, { cookie: owner.cookie });
    const viewerClient = connect(server.app.url, boardId, { cookie: viewer.cookie });
    await expect.poll(() => ownerClient.provider.isSynced && viewerClient.provider.isSynced).toBe(true);
    const told = rolesTold(viewerClient);

    const changed = await server.app.services.workspaces.changeRole(owner.id, owner.workspaceId, {
      userId: viewer.id,
      role: 'editor',
    });
    expect(changed).toMatchObject({ ok: true });
    await expect.poll(() => told).toEqual([{ role: 'editor', canEdit: true }]);
    setTitle(viewerClient.doc, 'Edited as an editor');
    await expect.poll(() => readTitle(ownerClient.doc)).toBe('Edited as an editor');
  });
});
