import type { Role } from '@roster/shared';
import type { SessionUser } from '../auth/sessions.ts';
import type { ConnectionGuard } from './connectionGuard.ts';

/** What Roster keeps on each Hocuspocus connection's `context`. */
export interface ConnectionContext {
  /** Set before the upgrade from the session cookie or collab token. */
  user: SessionUser;
  /**
   * The session (its hash) the socket was opened with, by cookie or by a collab token that session
   * minted. Checked again on every document the socket opens; its end closes the socket.
   */
  sessionId: string;
  /** The collab token (its hash) the socket was opened with, if any: expired, it opens no more documents. */
  tokenId?: string;
  /**
   * The upgrade validated the credential a moment ago: the socket's first document is opened without
   * checking it again (one query less per connection when a team opens its boards together). Later
   * documents check it; a session that ends in between is closed by SessionSockets' sweep. An
   * object, not a flag: Hocuspocus hands each document a copy of the context, and this is the socket's.
   */
  upgradeCheck?: { fresh: boolean };
  /** Set by AuthenticationExtension per document. */
  workspaceId?: string;
  boardId?: string;
  role?: Role;
  /** The socket's guard (connectionGuard.ts), shared by every document of the socket. */
  guard?: ConnectionGuard;
}
