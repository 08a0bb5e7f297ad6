import { linkedFileIds } from '@roster/shared';
import type { Hocuspocus } from '@hocuspocus/server';
import { boardDocumentName } from '@roster/shared';
import type { LinkFileLookup } from '../files/fileRoutes.ts';
import type { Files } from '../files/Files.ts';
import type { ShareLinks } from './ShareLinks.ts';

/**
 * A file through a share link: the link must be valid, and the file one that its creator's cells
 * name for the link's kind (a review link: its drafts' files; an acceptance link: the contract).
 * Any other file of the board, even one the link's creator has elsewhere, is "not found".
 */
export function createLinkFileLookup(hocuspocus: Hocuspocus, links: ShareLinks, files: Files): LinkFileLookup {
  return async (token, fileId, clientKey) => {
    if (!links.allowPublic(clientKey)) return { ok: false, status: 429, error: TOO_MANY };
    const scope = await links.resolve(token);
    if (!scope.ok)
      return {
        ok: false,
        status: scope.reason === 'not_found' ? 404 : 410,
        error: { code: `link_${scope.reason}`, message: scope.message },
      };
    const connection = await hocuspocus.openDirectConnection(boardDocumentName(scope.boardId), { reader: true });
    let allowed: Set<string>;
    try {
      allowed = linkedFileIds(connection.document!, scope.creatorId, scope.kind);
    } finally {
      await connection.disconnect();
    }
    const file = allowed.has(fileId) ? await files.get(scope.boardId, fileId) : null;
    if (!file)
      return {
        ok: false,
        status: 404,
        error: { code: 'file_not_found', message: 'This file is not part of this link.' },
      };
    return { ok: true, file };
  };
}

export const TOO_MANY = {
  code: 'rate_limited',
  message: 'Too many requests from your address. Wait a minute and try again.',
};
