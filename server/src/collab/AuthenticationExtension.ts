import type { Extension, onAuthenticatePayload } from '@hocuspocus/server';
import { CloseCode, closeReason, parseDocumentName, type CloseCodeValue } from '@roster/shared';
import type { Boards } from '../domain/boards.ts';
import type { ConnectionContext } from './connectionContext.ts';

/** An error Hocuspocus turns into a permission-denied message with our reason string. */
export class RefusedError extends Error {
  readonly reason: string;
  constructor(code: CloseCodeValue) {
    super(closeReason(code));
    this.reason = closeReason(code);
  }
}

/**
 * Checks, for each document a socket opens, that the user (identified before the upgrade)
 * is a member of the workspace that owns the board. Viewers get a read-only connection, which
 * Hocuspocus enforces by dropping their updates.
 */
export class AuthenticationExtension implements Extension {
  constructor(private readonly boards: Boards) {}

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
    const { user } = context as ConnectionContext;
    if (!user) throw new RefusedError(CloseCode.Unauthorized);
    const ref = parseDocumentName(documentName);
    if (!ref) throw new RefusedError(CloseCode.NotFound);
    const access = await this.boards.access(ref.boardId, user.id);
    if (!access) {
      const exists = await this.boards.get(ref.boardId);
      throw new RefusedError(exists ? CloseCode.Forbidden : CloseCode.NotFound);
    }
    if (access.board.archivedAt) throw new RefusedError(CloseCode.NotFound);
    connectionConfig.readOnly = access.role === 'viewer';
    return { workspaceId: access.board.workspaceId, boardId: ref.boardId, role: access.role };
  }
}
