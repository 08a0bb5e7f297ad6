import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.ts';
import { createBoard, signUp } from './support/factories.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

describe('accounts and sessions', () => {
  it('signs in with the right password and refuses a wrong one without saying whether the email exists', async () => {
    const user = await signUp(server.app);
    const ok = await server.app.services.accounts.logIn(
      { email: user.email.toUpperCase(), password: user.password },
      '10.0.0.1',
    );
    expect(ok.ok).toBe(true);
    const wrong = await server.app.services.accounts.logIn(
      { email: user.email, password: 'not the password' },
      '10.0.0.1',
    );
    const unknown = await server.app.services.accounts.logIn(
      { email: 'nobody@example.com', password: 'whatever1' },
      '10.0.0.1',
    );
    expect(wrong).toEqual({ ok: false, status: 401, error: 'Email or password is wrong.' });
    expect(unknown).toEqual(wrong);
  });

  it('reports the first invalid field of a sign-up as "field: message"', async () => {
    const result = await server.app.services.accounts.signUp({ name: 'Ann', email: 'not-an-email', password: 'short' });
    expect(result).toMatchObject({ ok: false, status: 400, error: 'email: is not an email address' });
    const junk = await server.app.services.accounts.signUp('a string, not an object');
    expect(junk).toMatchObject({ ok: false, status: 400 });
  });

  it('refuses a second account with the same email, whatever its case', async () => {
    const user = await signUp(server.app);
    const again = await server.app.services.accounts.signUp({
      name: 'Copy',
      email: user.email.toUpperCase(),
      password: 'another password',
    });
    expect(again).toMatchObject({ ok: false, status: 409 });
  });

  it('rate-limits sign-in attempts per account', async () => {
    const user = await signUp(server.app);
    const results = [];
    for (let i = 0; i < 12; i++) {
      results.push(
        await server.app.services.accounts.logIn({ email: user.email, password: 'wrong password' }, `10.1.0.${i}`),
      );
    }
    expect(results.slice(0, 10).every((r) => !r.ok && r.status === 401)).toBe(true);
    expect(results[10]).toMatchObject({ ok: false, status: 429 });
    // Even the right password is refused until the window passes.
    const right = await server.app.services.accounts.logIn({ email: user.email, password: user.password }, '10.1.0.99');
    expect(right).toMatchObject({ ok: false, status: 429 });
  });

  it('rate-limits sign-in attempts per client address across accounts', async () => {
    const results = [];
    for (let i = 0; i < 31; i++) {
      results.push(
        await server.app.services.accounts.logIn({ email: `guess${i}@example.com`, password: 'guess1234' }, '10.2.0.1'),
      );
    }
    expect(results[29]).toMatchObject({ status: 401 });
    expect(results[30]).toMatchObject({ status: 429 });
  });

  it('stores only the SHA-256 of a session token and refuses an expired session', async () => {
    const user = await signUp(server.app);
    const token = user.cookie.split('=')[1]!;
    const rows = await server.app.services.sql<{ id: string }[]>`select id from sessions where user_id = ${user.id}`;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id).not.toBe(token);
    expect(rows[0]!.id).toMatch(/^[0-9a-f]{64}$/);
    expect(await server.app.services.sessions.validate(token)).not.toBeNull();
    await server.app.services
      .sql`update sessions set expires_at = now() - interval '1 second' where user_id = ${user.id}`;
    expect(await server.app.services.sessions.validate(token)).toBeNull();
    expect((await server.app.services.sql`select 1 from sessions where user_id = ${user.id}`).count).toBe(0);
  });

  it('extends a session used after half its lifetime (sliding expiry)', async () => {
    const user = await signUp(server.app);
    const token = user.cookie.split('=')[1]!;
    await server.app.services
      .sql`update sessions set expires_at = now() + interval '10 days' where user_id = ${user.id}`;
    const session = await server.app.services.sessions.validate(token);
    expect(session!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
  });

  it('ends every other session when the password changes', async () => {
    const user = await signUp(server.app);
    const second = await server.app.services.accounts.logIn({ email: user.email, password: user.password }, '10.3.0.1');
    if (!second.ok) throw new Error(second.error);
    const current = await server.app.services.sessions.validate(second.token);
    const changed = await server.app.services.accounts.changePassword(user.id, current!.sessionId, {
      current: user.password,
      next: 'a brand new password',
    });
    expect(changed.ok).toBe(true);
    expect(await server.app.services.sessions.validate(user.cookie.split('=')[1]!)).toBeNull();
    expect(await server.app.services.sessions.validate(second.token)).not.toBeNull();
  });
});

describe('workspaces, invites and roles', () => {
  it('gives a new user a workspace they own', async () => {
    const user = await signUp(server.app);
    expect(await server.app.services.workspaces.listFor(user.id)).toEqual([
      expect.objectContaining({ id: user.workspaceId, role: 'owner' }),
    ]);
  });

  it('accepts an invite once; a reused invite token is refused', async () => {
    const owner = await signUp(server.app);
    const first = await signUp(server.app);
    const second = await signUp(server.app);
    const invite = await server.app.services.workspaces.invite(owner.id, owner.workspaceId, { role: 'editor' });
    if (!invite.ok) throw new Error(invite.error);
    expect(await server.app.services.workspaces.acceptInvite(first.id, invite.token)).toMatchObject({
      ok: true,
      role: 'editor',
    });
    expect(await server.app.services.workspaces.acceptInvite(second.id, invite.token)).toMatchObject({
      ok: false,
      status: 404,
    });
    expect(await server.app.services.workspaces.roleOf(owner.workspaceId, second.id)).toBeNull();
  });

  it('refuses an expired invite', async () => {
    const owner = await signUp(server.app);
    const other = await signUp(server.app);
    const invite = await server.app.services.workspaces.invite(owner.id, owner.workspaceId, { role: 'viewer' });
    if (!invite.ok) throw new Error(invite.error);
    await server.app.services
      .sql`update invites set expires_at = now() - interval '1 minute' where workspace_id = ${owner.workspaceId}`;
    expect(await server.app.services.workspaces.acceptInvite(other.id, invite.token)).toMatchObject({
      ok: false,
      status: 404,
    });
  });

  it('lets only owners invite, change roles and remove members, and keeps the last owner', async () => {
    const owner = await signUp(server.app);
    const editor = await signUp(server.app);
    const invite = await server.app.services.workspaces.invite(owner.id, owner.workspaceId, { role: 'editor' });
    if (!invite.ok) throw new Error(invite.error);
    await server.app.services.workspaces.acceptInvite(editor.id, invite.token);
    const ws = server.app.services.workspaces;
    expect(await ws.invite(editor.id, owner.workspaceId, { role: 'owner' })).toMatchObject({ ok: false, status: 403 });
    expect(await ws.changeRole(editor.id, owner.workspaceId, { userId: editor.id, role: 'owner' })).toMatchObject({
      status: 403,
    });
    expect(await ws.removeMember(editor.id, owner.workspaceId, owner.id)).toMatchObject({ status: 403 });
    expect(await ws.changeRole(owner.id, owner.workspaceId, { userId: owner.id, role: 'viewer' })).toMatchObject({
      status: 409,
    });
    expect(await ws.changeRole(owner.id, owner.workspaceId, { userId: editor.id, role: 'admin' })).toMatchObject({
      status: 400,
      error: 'role: must be owner, editor or viewer',
    });
    expect(await ws.changeRole(owner.id, owner.workspaceId, { userId: editor.id, role: 'viewer' })).toMatchObject({
      ok: true,
    });
    expect(await ws.roleOf(owner.workspaceId, editor.id)).toBe('viewer');
  });

  it('lets editors create boards and keeps viewers and strangers out', async () => {
    const owner = await signUp(server.app);
    const viewer = await signUp(server.app);
    const stranger = await signUp(server.app);
    const invite = await server.app.services.workspaces.invite(owner.id, owner.workspaceId, { role: 'viewer' });
    if (!invite.ok) throw new Error(invite.error);
    await server.app.services.workspaces.acceptInvite(viewer.id, invite.token);
    const boards = server.app.services.boards;
    expect(await boards.create(viewer.id, owner.workspaceId, { name: 'Nope' })).toMatchObject({ status: 403 });
    expect(await boards.create(stranger.id, owner.workspaceId, { name: 'Nope' })).toMatchObject({ status: 404 });
    expect(await boards.create(owner.id, owner.workspaceId, { name: '   ' })).toMatchObject({
      status: 400,
      error: 'name: is required',
    });
    const boardId = await createBoard(server.app, owner, 'Autumn');
    expect(await boards.access(boardId, stranger.id)).toBeNull();
    expect(await boards.rename(viewer.id, boardId, { name: 'Renamed' })).toMatchObject({ status: 403 });
    expect(await boards.rename(owner.id, boardId, { name: 'Autumn EU' })).toMatchObject({ ok: true });
    expect(await boards.setArchived(owner.id, boardId, true)).toMatchObject({ ok: true });
    expect(await boards.list(owner.workspaceId)).toEqual([]);
    expect(await boards.list(owner.workspaceId, { archived: true })).toEqual([
      expect.objectContaining({ name: 'Autumn EU' }),
    ]);
  });
});
