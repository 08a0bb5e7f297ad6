import type * as Y from 'yjs';
import { boardMeta } from '@roster/shared';

// A small board edit whose arrival a test can read back: the old `title` field of the board's
// meta map, which the app no longer shows but any editor may write (docs/board-format.md).

/** Reads the title, or '' when missing or not a string. */
export function readTitle(doc: Y.Doc): string {
  const title = boardMeta(doc).get('title');
  return typeof title === 'string' ? title : '';
}

/** Sets the title in one transaction, capped at 200 characters as the app once did. */
export function setTitle(doc: Y.Doc, title: string, origin?: unknown): void {
  doc.transact(() => boardMeta(doc).set('title', title.slice(0, 200)), origin);
}
