import { addCreators, parseInput, type InputOf } from '@roster/shared';
import { apiError } from '$lib/server/api';
import { applyForToken, boardOfToken, idempotent, NOT_FOUND_BOARD, refuseUnless, withToken } from '$lib/server/apiV1';

/**
 * POST /api/v1/boards/:boardId/creators `{ creators: [{ name, handles, … }] }`: adds creators
 * (201 `{ ids, duplicates }`); one already on the board by handle or profile URL is not added
 * again and is named in `duplicates`. Send an `Idempotency-Key` to retry safely.
 */
export const POST = (event) =>
  withToken(event, async (identity) => {
    const refused = refuseUnless(identity, 'board.edit');
    if (refused) return refused;
    const board = await boardOfToken(identity, event.params.boardId);
    if (!board) return apiError(404, NOT_FOUND_BOARD);
    return idempotent(event, identity, async (body) => {
      // Checked here to answer 400 before the board is opened; the operation checks it again.
      const input = parseInput(addCreators.input, body);
      if (!input.ok) return apiError(400, input.error);
      return applyForToken(identity, board.id, addCreators, body as InputOf<typeof addCreators>, 201);
    });
  });
