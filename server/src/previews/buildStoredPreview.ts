import * as Y from 'yjs';
import { boardDocumentName, boardPreview, readAqsBands, readBoard, readTargetAudience } from '@roster/shared';
import type { Sql } from '../db/client.ts';
import type { DocumentStore } from '../collab/documentStore.ts';
import { loadStoredDocument } from '../collab/loadStoredDocument.ts';
import type { Logger } from '../log.ts';
import type { BoardPreviews } from './BoardPreviews.ts';

/**
 * Builds a board's preview from its stored document (snapshot + update log, as a load reads it)
 * and stores it; a board with fewer than `minCreators` gets none (an empty one shows its own empty
 * state, a small one loads in a moment), and loses the one it had, as does a board whose preview
 * would be over its size bound. Runs in
 * the preview worker: a full read takes ~1.25 s at 20,000 creators.
 */
export async function buildStoredPreview(
  deps: { sql: Sql; store: DocumentStore; previews: BoardPreviews; log: Logger; minCreators: number },
  boardId: string,
): Promise<{ creators: number }> {
  // Taken before the read: a change stored meanwhile makes the preview count as older than it.
  const [clock] = await deps.sql<{ now: Date }[]>`select now() as now`;
  const doc = new Y.Doc();
  try {
    await loadStoredDocument(deps.store, boardDocumentName(boardId), doc, deps.log);
    const board = readBoard(doc);
    const preview =
      board.creators.length < deps.minCreators
        ? null
        : boardPreview(board, { aqsBands: readAqsBands(doc), targetAudience: readTargetAudience(doc) });
    if (!preview) {
      await deps.previews.remove(boardId);
      return { creators: 0 };
    }
    await deps.previews.write(boardId, preview, clock!.now);
    return { creators: board.creators.length };
  } finally {
    doc.destroy();
  }
}
