import * as Y from 'yjs';

/**
 * The top-level map that holds board-wide fields (schemaVersion, settings such as the AQS bands).
 * Older boards also hold a `title` headline here: the app neither shows nor writes it any more,
 * since the board's one name is `boards.name` in PostgreSQL (see docs/board-format.md).
 */
export function boardMeta(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('meta');
}
