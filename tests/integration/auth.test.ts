import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/server.ts';
import { addressKey } from '../../server/src/auth/signInThrottle.ts';
import { createBoard, signUp } from './support/factories.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop();
});

const logIn = (email: string, password: string, address: string) =>
  server.app.services.accounts.logIn({ email, password }, address);

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
    expect(wrong).toEqual({
      ok: false,
      status: 401,
      error: { code: 'login_failed', message: 'Email or password is wrong.' },
    });
    expect(unknown).toEqual(wrong);
  });

  it('reports the first invalid field of a sign-up as a sentence that names the field', async () => {
    const result = await server.app.services.accounts.signUp({ name: 'Ann', email: 'not-an-email', password: 'short' });
    expect(result).toEqual({
      ok: false,
      status: 400,
      error: { code: 'invalid_input', message: 'Email is not a valid email address.', field: 'email' },
    });
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

  it('stops a guesser after 10 wrong passwords for one account from one address, even with the right password', async () => {
    const user = await signUp(server.app);
    const results = [];
    for (let i = 0; i < 11; i++) {
      results.push(await logIn(user.email, 'wrong password', '10.1.0.1'));
    }
    expect(results.slice(0, 10).every((r) => !r.ok && r.status === 401)).toBe(true);
    expect(results[10]).toMatchObject({ ok: false, status: 429 });
    // A right guess from there is refused too: otherwise the limit would still answer guesses.
    expect(await logIn(user.email, user.password, '10.1.0.1')).toMatchObject({ ok: false, status: 429 });
  });

  it('lets the owner sign in from another address while a guesser is locked out of the account', async () => {
    const user = await signUp(server.app);
    for (let i = 0; i < 12; i++) await logIn(user.email, 'wrong password', '10.1.1.1');
    expect(await logIn(user.email, 'wrong password', '10.1.1.1')).toMatchObject({ status: 429 });
    expect(await logIn(user.email, user.password, '10.1.1.2')).toMatchObject({ ok: true });
  });

  it('counts a guess before the password is checked, so parallel guesses cannot pass the limit together', async () => {
    const user = await signUp(server.app);
    const results = await Promise.all(
      Array.from({ length: 25 }, () => logIn(user.email, 'wrong password', '10.1.2.1')),
    );
    expect(results.filter((r) => !r.ok && r.status === 401)).toHaveLength(10);
    expect(results.filter((r) => !r.ok && r.status === 429)).toHaveLength(15);
  });

  it("forgives the owner's own mistakes at an address once they sign in there", async () => {
    const user = await signUp(server.app);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 9; i++) {
        expect(await logIn(user.email, 'typo password', '10.1.3.1')).toMatchObject({ status: 401 });
      }
      expect(await logIn(user.email, user.password, '10.1.3.1')).toMatchObject({ ok: true });
    }
  });

  it('limits wrong passwords for one account from many addresses, except at an address that signed in before', async () => {
    const user = await signUp(server.app);
    expect(await logIn(user.email, user.password, '10.1.4.1')).toMatchObject({ ok: true });
    const results = [];
    for (let i = 0; i < 51; i++) results.push(await logIn(user.email, 'wrong password', `10.4.${i}.1`));
    expect(results.slice(0, 50).every((r) => !r.ok && r.status === 401)).toBe(true);
    expect(results[50]).toMatchObject({ ok: false, status: 429 });
    // A new address must wait, even with the right password…
    expect(await logIn(user.email, user.password, '10.1.4.2')).toMatchObject({ ok: false, status: 429 });
    // …but the owner's usual address still gets in.
    expect(await logIn(user.email, user.password, '10.1.4.1')).toMatchObject({ ok: true });
  });

  it('limits wrong passwords from one client address across accounts', async () => {
    const results = [];
    for (let i = 0; i < 31; i++) {
      results.push(await logIn(`guess${i}@example.com`, 'guess1234', '10.2.0.1'));
    }
    expect(results.slice(0, 30).every((r) => !r.ok && r.status === 401)).toBe(true);
    expect(results[30]).toMatchObject({ status: 429 });
  });

  it('lets one client address (an office behind one NAT) sign in successfully 40 times in ten minutes', async () => {
    const users = await Promise.all(Array.from({ length: 8 }, () => signUp(server.app)));
    const results = [];
    for (let i = 0; i < 40; i++) {
      const user = users[i % users.length]!;
      results.push(await logIn(user.email, user.password, '10.2.1.1'));
    }
    expect(results.filter((r) => r.ok)).toHaveLength(40);
    // Guessing from that address is still limited: 30 wrong passwords, then 429.
    for (let i = 0; i < 30; i++) await logIn(`nat-guess${i}@example.com`, 'guess1234', '10.2.1.1');
    expect(await logIn('nat-guess-last@example.com', 'guess1234', '10.2.1.1')).toMatchObject({ status: 429 });
  });

  it('counts an IPv6 client by its /64, so it cannot pick a fresh address for every guess', async () => {
    const results = [];
    for (let i = 0; i < 31; i++) {
      results.push(await logIn(`v6guess${i}@example.com`, 'guess1234', `2001:db8:1:2::${(i + 1).toString(16)}`));
    }
    expect(results[29]).toMatchObject({ status: 401 });
    expect(results[30]).toMatchObject({ status: 429 });
    expect(await logIn('v6guess-other@example.com', 'guess1234', '2001:db8:1:3::1')).toMatchObject({ status: 401 });
    expect(addressKey('2001:DB8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(addressKey('::ffff:10.2.0.1')).toBe('10.2.0.1');
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
    if (!second.ok) throw new Error(second.error.message);
    const current = await server.app.services.sessions.validate(second.token);
    const changed = await server.app.services.accounts.changePassword(
      user.id,
      current!.sessionId,
      { currentPassword: user.password, newPassword: 'a brand new password' },
      '10.3.0.1',
    );
    expect(changed.ok).toBe(true);
    expect(await server.app.services.sessions.validate(user.cookie.split('=')[1]!)).toBeNull();
    expect(await server.app.services.sessions.validate(second.token)).not.toBeNull();
  });

  it('refuses a password change, even with the right password, after ten wrong current passwords', async () => {
    const user = await signUp(server.app);
    const session = await server.app.services.sessions.validate(user.cookie.split('=')[1]);
    const change = (currentPassword: string) =>
      server.app.services.accounts.changePassword(
        user.id,
        session!.sessionId,
        { currentPassword, newPassword: 'a brand new password' },
        '10.3.1.1',
      );
    for (let guess = 0; guess < 10; guess++)
      expect(await change(`guess number ${guess}`)).toMatchObject({ ok: false, status: 400 });
    expect(await change(user.password)).toMatchObject({ ok: false, status: 429 });
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
    if (!invite.ok) throw new Error(invite.error.message);
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
    if (!invite.ok) throw new Error(invite.error.message);
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
    if (!invite.ok) throw new Error(invite.error.message);
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
      error: { code: 'invalid_input', message: 'Role must be owner, editor or viewer.', field: 'role' },
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
    if (!invite.ok) throw new Error(invite.error.message);
    await server.app.services.workspaces.acceptInvite(viewer.id, invite.token);
    const boards = server.app.services.boards;
    expect(await boards.create(viewer.id, owner.workspaceId, { name: 'Nope' })).toMatchObject({ status: 403 });
    expect(await boards.create(stranger.id, owner.workspaceId, { name: 'Nope' })).toMatchObject({ status: 404 });
    expect(await boards.create(owner.id, owner.workspaceId, { name: '   ' })).toMatchObject({
      status: 400,
      error: { code: 'invalid_input', message: 'Name is required.', field: 'name' },
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
