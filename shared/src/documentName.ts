/**
 * Names of Yjs documents on the wire. Built and parsed only here so that the server's
 * authentication, persistence and the web client agree on one format.
 *
 *   board:<boardId>                 the campaign board (creators, statuses, activity)
 *   notes:<boardId>:<creatorId>     the rich-text notes of one creator, loaded only when opened
 *   activity:<boardId>              the board's activity history (who moved what, when)
 */

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export type DocumentRef =
  | { kind: 'board'; boardId: string }
  | { kind: 'activity'; boardId: string }
  | { kind: 'notes'; boardId: string; creatorId: string };

/** The wire name of a board's document. */
export function boardDocumentName(boardId: string): string {
  assertId(boardId);
  return `board:${boardId}`;
}

/** The wire name of a board's activity history document. */
export function activityDocumentName(boardId: string): string {
  assertId(boardId);
  return `activity:${boardId}`;
}

/** The wire name of the notes document of one creator on a board. */
export function notesDocumentName(boardId: string, creatorId: string): string {
  assertId(boardId);
  assertId(creatorId);
  return `notes:${boardId}:${creatorId}`;
}

/** Parses a wire name; returns null for anything that is not one of ours. */
export function parseDocumentName(name: string): DocumentRef | null {
  const parts = name.split(':');
  if (parts[0] === 'board' && parts.length === 2 && ID.test(parts[1]!)) return { kind: 'board', boardId: parts[1]! };
  if (parts[0] === 'activity' && parts.length === 2 && ID.test(parts[1]!))
    return { kind: 'activity', boardId: parts[1]! };
  if (parts[0] === 'notes' && parts.length === 3 && ID.test(parts[1]!) && ID.test(parts[2]!)) {
    return { kind: 'notes', boardId: parts[1]!, creatorId: parts[2]! };
  }
  return null;
}

function assertId(id: string): void {
  if (!ID.test(id)) throw new Error(`invalid document id: ${JSON.stringify(id)}`);
}
