import type { Hocuspocus } from '@hocuspocus/server';
import {
  activityDocumentName,
  boardDocumentName,
  readActivity,
  readBoard,
  type ActivityEntry,
  type BoardData,
} from '@roster/shared';

/**
 * Reads a board as the people who have it open see it: through a Hocuspocus direct connection,
 * so the live document is read when it is loaded, and the stored one is loaded otherwise.
 */
export function createReadLiveBoard(hocuspocus: Hocuspocus) {
  async function read<T>(documentName: string, reader: (doc: import('yjs').Doc) => T): Promise<T> {
    const connection = await hocuspocus.openDirectConnection(documentName, { reader: true });
    try {
      return reader(connection.document!);
    } finally {
      await connection.disconnect();
    }
  }
  return {
    board: (boardId: string): Promise<BoardData> => read(boardDocumentName(boardId), readBoard),
    /**
     * Keeps a board loaded while `work` runs (several operations and reads in a row, as an API
     * request does): without it, a board nobody has open would be loaded from PostgreSQL and
     * unloaded again for each of them. `read` reads it as it is at that moment.
     */
    async hold<T>(boardId: string, work: (read: () => BoardData) => Promise<T>): Promise<T> {
      const connection = await hocuspocus.openDirectConnection(boardDocumentName(boardId), { reader: true });
      try {
        return await work(() => readBoard(connection.document!));
      } finally {
        await connection.disconnect();
      }
    },
    /** Reads anything of a board's live document with a shared reader (the board report's figures). */
    document: <T>(boardId: string, reader: (doc: import('yjs').Doc) => T): Promise<T> =>
      read(boardDocumentName(boardId), reader),
    activity: (boardId: string): Promise<ActivityEntry[]> => read(activityDocumentName(boardId), readActivity),
  };
}

export type ReadLiveBoard = ReturnType<typeof createReadLiveBoard>;
