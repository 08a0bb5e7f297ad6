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
    activity: (boardId: string): Promise<ActivityEntry[]> => read(activityDocumentName(boardId), readActivity),
  };
}

export type ReadLiveBoard = ReturnType<typeof createReadLiveBoard>;
