import type { Sql } from '../db/client.ts';
import type { AccessEvents } from '../domain/accessEvents.ts';
import { hashToken, newToken } from '../ids.ts';

export const SESSION_COOKIE = 'roster_session';
const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

export interface ValidSession {
  sessionId: string;
  user: SessionUser;
  expiresAt: Date;
}

/** Lucia-style sessions: the cookie holds a random token, the database only its SHA-256. */
export class SessionStore {
  constructor(
    private readonly sql: Sql,
    private readonly events: AccessEvents,
  ) {}

  /** Creates a session and returns the token to put in the cookie. */
  async create(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const token = newToken();
    const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
    await this
      .sql`insert into sessions (id, user_id, expires_at) values (${hashToken(token)}, ${userId}, ${expiresAt})`;
    return { token, expiresAt };
  }

  /**
   * Returns the session of a token, or null when unknown or expired. Sliding expiry: a session
   * used after half its lifetime is extended to a full one.
   */
  async validate(token: string | undefined | null): Promise<ValidSession | null> {
    if (!token || token.length > 100) return null;
    const sessionId = hashToken(token);
    const [row] = await this.sql<{ expires_at: Date; id: string; email: string; name: string }[]>`
      select s.expires_at, u.id, u.email, u.name
      from sessions s join users u on u.id = s.user_id
      where s.id = ${sessionId}`;
    if (!row) return null;
    const now = Date.now();
    if (row.expires_at.getTime() <= now) {
      await this.sql`delete from sessions where id = ${sessionId}`;
      return null;
    }
    let expiresAt = row.expires_at;
    if (expiresAt.getTime() - now < SESSION_LIFETIME_MS / 2) {
      expiresAt = new Date(now + SESSION_LIFETIME_MS);
      await this.sql`update sessions set expires_at = ${expiresAt} where id = ${sessionId}`;
    }
    return { sessionId, expiresAt, user: { id: row.id, email: row.email, name: row.name } };
  }

  /** Ends one session (logout). */
  async invalidate(sessionId: string): Promise<void> {
    await this.sql`delete from sessions where id = ${sessionId}`;
    this.events.sessionsEnded([sessionId]);
  }

  /** Ends every session of a user (password change), optionally keeping one. */
  async invalidateAllOf(userId: string, except?: string): Promise<void> {
    const ended = await this.sql<{ id: string }[]>`
      delete from sessions where user_id = ${userId} and id <> ${except ?? ''} returning id`;
    if (ended.length) this.events.sessionsEnded(ended.map((row) => row.id));
  }

  /** A short-lived token for non-browser board clients, passed as `?token=` on the WebSocket URL. */
  async createCollabToken(userId: string, ttlMs = 10 * 60 * 1000): Promise<{ token: string; expiresAt: Date }> {
    const token = newToken();
    const expiresAt = new Date(Date.now() + ttlMs);
    await this.sql`delete from collab_tokens where expires_at < now()`;
    await this
      .sql`insert into collab_tokens (id, user_id, expires_at) values (${hashToken(token)}, ${userId}, ${expiresAt})`;
    return { token, expiresAt };
  }

  /** The user of a collab token, or null when unknown or expired. */
  async validateCollabToken(token: string | undefined | null): Promise<SessionUser | null> {
    if (!token || token.length > 100) return null;
    const [row] = await this.sql<SessionUser[]>`
      select u.id, u.email, u.name from collab_tokens t join users u on u.id = t.user_id
      where t.id = ${hashToken(token)} and t.expires_at > now()`;
    return row ?? null;
  }
}
