import type { Hocuspocus } from '@hocuspocus/server';
import {
  BoardSignal,
  can,
  CloseCode,
  closeReason,
  parseDocumentName,
  roleChangedMessage,
  type Role,
} from '@roster/shared';
import type { AccessEvents } from '../domain/accessEvents.ts';
import type { ConnectionContext } from './connectionContext.ts';
import type { SessionSockets } from './SessionSockets.ts';

/** Applies access changes to the connections open on this instance. */
export function createAccessEnforcer(hocuspocus: Hocuspocus, sessionSockets: SessionSockets): AccessEvents {
  const eachConnection = (
    visit: (connection: ReturnType<typeof connectionsOf>[number], documentName: string) => void,
  ) => {
    for (const document of hocuspocus.documents.values()) {
      for (const connection of connectionsOf(document)) visit(connection, document.name);
    }
  };
  return {
    memberRemoved(workspaceId: string, userId: string) {
      eachConnection((connection) => {
        const context = connection.context as ConnectionContext;
        if (context.workspaceId === workspaceId && context.user?.id === userId) {
          connection.close({ code: CloseCode.Forbidden, reason: closeReason(CloseCode.Forbidden) });
        }
      });
    },
    roleChanged(workspaceId: string, userId: string, role: Role) {
      eachConnection((connection) => {
        const context = connection.context as ConnectionContext;
        if (context.workspaceId === workspaceId && context.user?.id === userId) {
          connection.readOnly = !can(role, 'board.edit');
          context.role = role;
          // The page switches mode without a reload (shared/src/accessMessage.ts).
          connection.sendStateless(roleChangedMessage(role));
        }
      });
    },
    sessionsEnded(sessionIds: string[]) {
      // The whole socket, not each document: a socket left open could authenticate again.
      sessionSockets.end(sessionIds);
    },
    boardArchived(boardId: string) {
      eachConnection((connection, documentName) => {
        if (parseDocumentName(documentName)?.boardId === boardId) {
          connection.close({ code: CloseCode.NotFound, reason: closeReason(CloseCode.NotFound) });
        }
      });
    },
    boardRenamed(boardId: string) {
      // Per connection, not document.broadcastStateless: the Redis extension would relay that to
      // the other instances, which get this event through the access broadcast already.
      eachConnection((connection, documentName) => {
        const parsed = parseDocumentName(documentName);
        if (parsed?.boardId === boardId && parsed.kind === 'board') connection.sendStateless(BoardSignal.Renamed);
      });
    },
  };
}

function connectionsOf(document: ReturnType<Hocuspocus['documents']['get']> & object) {
  return document.getConnections();
}
