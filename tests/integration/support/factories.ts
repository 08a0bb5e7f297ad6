import type { RosterApp } from '@roster/server';
import { SESSION_COOKIE } from '@roster/shared';

let counter = 0;

export interface TestUser {
  id: string;
  name: string;
  email: string;
  password: string;
  /** Cookie header value carrying the session. */
  cookie: string;
  workspaceId: string;
}

/** Signs up a fresh user through the real Accounts service. */
export async function signUp(app: RosterApp, name = 'Test User'): Promise<TestUser> {
  counter += 1;
  const email = `user${counter}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const password = 'correct horse battery';
  const result = await app.services.accounts.signUp({ name, email, password });
  if (!result.ok) throw new Error(result.error.message);
  return {
    id: result.user.id,
    name,
    email,
    password,
    cookie: sessionCookie(result.token),
    workspaceId: result.workspaceId,
  };
}

/** Creates a board in the user's own workspace. */
export async function createBoard(app: RosterApp, owner: TestUser, name = 'Summer launch'): Promise<string> {
  const result = await app.services.boards.create(owner.id, owner.workspaceId, { name });
  if (!result.ok) throw new Error(result.error.message);
  return result.board.id;
}

/** Adds a user to the owner's workspace with a role, through a real invite. */
export async function addMember(
  app: RosterApp,
  owner: TestUser,
  member: TestUser,
  role: 'owner' | 'editor' | 'viewer',
) {
  const invite = await app.services.workspaces.invite(owner.id, owner.workspaceId, { role });
  if (!invite.ok) throw new Error(invite.error.message);
  const accepted = await app.services.workspaces.acceptInvite(member.id, invite.token);
  if (!accepted.ok) throw new Error(accepted.error.message);
}

/** The session id (the stored hash) behind a test user's cookie. */
export async function sessionIdOf(app: RosterApp, user: Pick<TestUser, 'cookie'>): Promise<string> {
  const session = await app.services.sessions.validate(user.cookie.split('=')[1]);
  if (!session) throw new Error('the session has ended');
  return session.sessionId;
}

/** A collab token minted by the test user's session, as `POST /api/collab-token` mints it. */
export async function collabToken(app: RosterApp, user: Pick<TestUser, 'cookie'>, ttlMs?: number): Promise<string> {
  const minted = await app.services.sessions.createCollabToken(await sessionIdOf(app, user), ttlMs);
  if (!minted) throw new Error('the session has ended');
  return minted.token;
}

/** A Cookie header carrying a session token, as a browser sends it. */
export function sessionCookie(token: string): string {
  return `${SESSION_COOKIE}=${token}`;
}
