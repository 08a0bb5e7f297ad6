import * as Y from 'yjs';

/**
 * The top-level map that holds board-wide fields (schemaVersion, settings, and the older `title`
 * headline: the app neither shows nor writes it any more, since the board's one name is
 * `boards.name` in PostgreSQL; see docs/board-format.md).
 */
export function boardMeta(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap('meta');
}

/** Reads the board title, or '' when missing or not a string. */
export function readTitle(doc: Y.Doc): string {
  const title = boardMeta(doc).get('title');
  return typeof title === 'string' ? title : '';
}

/** Sets the board title in one transaction, capped at 200 characters (not trimmed: it is set as the user types). */
export function setTitle(doc: Y.Doc, title: string, origin?: unknown): void {
  doc.transact(() => boardMeta(doc).set('title', title.slice(0, 200)), origin);
}
