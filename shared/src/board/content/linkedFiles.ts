import type * as Y from 'yjs';
import { isRecord } from '../document/guards.ts';
import { boardTypes } from '../document/boardTypes.ts';

/**
 * The stored files a share link of this kind may fetch: a review link the files of its creator's
 * drafts (`<creatorId>:drafts:<draftId>` → `.file.fileId`), an acceptance link its contract
 * document (`<creatorId>:contractFile` → `.fileId`). Nothing else of the board is reachable.
 */
export function linkedFileIds(doc: Y.Doc, creatorId: string, kind: 'review' | 'acceptance'): Set<string> {
  const cells = boardTypes(doc).cells;
  const ids = new Set<string>();
  if (kind === 'acceptance') {
    const contract = cells.get(`${creatorId}:contractFile`);
    if (isRecord(contract) && typeof contract.fileId === 'string') ids.add(contract.fileId);
    return ids;
  }
  const prefix = `${creatorId}:drafts:`;
  for (const [key, entry] of cells.map) {
    if (!key.startsWith(prefix)) continue;
    const file = isRecord(entry.val) ? entry.val.file : null;
    if (isRecord(file) && typeof file.fileId === 'string') ids.add(file.fileId);
  }
  return ids;
}
