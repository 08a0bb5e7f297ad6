import type { Extension, onAuthenticatePayload } from '@hocuspocus/server';
import { can, CloseCode, closeReason, parseDocumentName, type CloseCodeValue } from '@roster/shared';
import type { SessionStore } from '../auth/sessions.ts';
import type { Boards } from '../domain/boards.ts';
import type { ConnectionContext } from './connectionContext.ts';
import { EXTENSION_PRIORITY } from './extensionPriority.ts';

/** An error Hocuspocus turns into a permission-denied message with our reason string. */
export class RefusedError extends Error {
  readonly reason: string;
  constructor(code: CloseCodeValue) {
    super(closeReason(code));
    this.reason = closeReason(code);
  }
}

/**
 * Checks, for each document a socket opens, that the session the socket was opened with (by
 * cookie, or by a collab token it minted) still holds and that the user (identified before the
 * upgrade) is a member of the workspace that owns the board. A socket whose session has ended is
 * closed (`4401`) whatever document it asks for; one whose collab token has expired keeps the
 * documents it has open but opens no new one. Whoever may not `board.edit` (policy.ts) gets a
 * read-only connection, which Hocuspocus enforces by dropping their updates.
 */
export class AuthenticationExtension implements Extension {
  priority = EXTENSION_PRIORITY.authentication;

  constructor(
    private readonly boards: Boards,
    private readonly sessions: SessionStore,
  ) {}

  async onAuthenticate(payload: onAuthenticatePayload): Promise<Partial<ConnectionContext>> {
    try {
      return await this.authenticate(payload);
    } catch (error) {
      // Hocuspocus would queue whatever the socket sends for this document from now on.
      (payload.context as ConnectionContext).guard?.documentRefused(payload.documentName);
      throw error;
    }
  }

  private async authenticate({
    documentName,
    context,
    connectionConfig,
  }: onAuthenticatePayload): Promise<Partial<ConnectionContext>> {
    const { user, sessionId, tokenId, guard } = context as ConnectionContext;
    if (!user || !sessionId) throw new RefusedError(CloseCode.Unauthorized);
    const ref = parseDocumentName(documentName);
    const { upgradeCheck } = context as ConnectionContext;
    const justChecked = upgradeCheck?.fresh === true;
    if (upgradeCheck) upgradeCheck.fresh = false;
    const [credential, access] = await Promise.all([
      justChecked ? ('active' as const) : this.sessions.check(sessionId, tokenId),
      ref ? this.boards.access(ref.boardId, user.id) : null,
    ]);
    if (credential === 'session_ended') guard?.end('Unauthorized', 'its session has ended');
    if (credential !== 'active') throw new RefusedError(CloseCode.Unauthorized);
    if (!ref) throw new RefusedError(CloseCode.NotFound);
    if (!access) {
      const exists = await this.boards.get(ref.boardId);
      throw new RefusedError(exists ? CloseCode.Forbidden : CloseCode.NotFound);
    }
    if (access.board.archivedAt) throw new RefusedError(CloseCode.NotFound);
    if (!can(access.role, 'board.view')) throw new RefusedError(CloseCode.Forbidden);
    connectionConfig.readOnly = !can(access.role, 'board.edit');
    return { workspaceId: access.board.workspaceId, boardId: ref.boardId, role: access.role };
  }
}
