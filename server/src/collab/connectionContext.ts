import type { Role } from '@roster/shared';
import type { SessionUser } from '../auth/sessions.ts';
import type { ConnectionGuard } from './connectionGuard.ts';

/** What Roster keeps on each Hocuspocus connection's `context`. */
export interface ConnectionContext {
  /** Set before the upgrade from the session cookie or collab token. */
  user: SessionUser;
  /** Session id (hash) when the socket was opened with a cookie; lets logout close it. */
  sessionId?: string;
  /** Set by AuthenticationExtension per document. */
  workspaceId?: string;
  boardId?: string;
  role?: Role;
  /** The socket's guard (connectionGuard.ts), shared by every document of the socket. */
  guard?: ConnectionGuard;
}
