import type { Sql } from '../db/client.ts';
import type { AccessEvents } from '../domain/accessEvents.ts';
import { hashToken, newToken } from '../ids.ts';

const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

export interface CollabTokenIdentity {
  /** SHA-256 of the token. */
  tokenId: string;
  /** The session that minted the token. */
  sessionId: string;
  user: SessionUser;
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

  /**
   * A short-lived token for non-browser board clients, passed as `?token=` on the WebSocket URL. It
   * belongs to the session that minted it: it never outlives that session, and ending the session
   * ends it (and closes the sockets opened with it). Null when the session has ended.
   */
  async createCollabToken(
    sessionId: string,
    ttlMs = 10 * 60 * 1000,
  ): Promise<{ token: string; expiresAt: Date } | null> {
    const token = newToken();
    const wanted = new Date(Date.now() + ttlMs);
    await this.sql`delete from collab_tokens where expires_at < now()`;
    const [row] = await this.sql<{ expires_at: Date }[]>`
      insert into collab_tokens (id, user_id, session_id, expires_at)
      select ${hashToken(token)}, user_id, id, least(expires_at, ${wanted}) from sessions
      where id = ${sessionId} and expires_at > now()
      returning expires_at`;
    return row ? { token, expiresAt: row.expires_at } : null;
  }

  /** The user and session of a collab token, or null when unknown, expired, or its session ended. */
  async validateCollabToken(token: string | undefined | null): Promise<CollabTokenIdentity | null> {
    if (!token || token.length > 100) return null;
    const tokenId = hashToken(token);
    const [row] = await this.sql<(SessionUser & { session_id: string })[]>`
      select u.id, u.email, u.name, s.id as session_id
      from collab_tokens t join sessions s on s.id = t.session_id join users u on u.id = t.user_id
      where t.id = ${tokenId} and t.expires_at > now() and s.expires_at > now()`;
    if (!row) return null;
    return { tokenId, sessionId: row.session_id, user: { id: row.id, email: row.email, name: row.name } };
  }

  /**
   * Whether a socket's credential still holds, checked each time the socket opens a document: its
   * session must not have ended, and a collab token (if it was opened with one) must not have
   * expired. Read-only: unlike `validate`, it does not extend the session.
   */
  async check(sessionId: string, tokenId?: string): Promise<'active' | 'session_ended' | 'token_expired'> {
    const [row] = await this.sql<{ token_live: boolean }[]>`
      select ${tokenId ?? null}::text is null or exists (
        select 1 from collab_tokens t
        where t.id = ${tokenId ?? null} and t.session_id = s.id and t.expires_at > now()
      ) as token_live
      from sessions s where s.id = ${sessionId} and s.expires_at > now()`;
    if (!row) return 'session_ended';
    return row.token_live ? 'active' : 'token_expired';
  }

  /** Of these sessions, the ones that have ended (deleted or expired). */
  async ended(sessionIds: string[]): Promise<string[]> {
    if (sessionIds.length === 0) return [];
    const live = await this.sql<{ id: string }[]>`
      select id from sessions where id = any(${sessionIds}::text[]) and expires_at > now()`;
    const alive = new Set(live.map((row) => row.id));
    return sessionIds.filter((id) => !alive.has(id));
  }
}
