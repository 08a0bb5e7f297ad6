import { json } from '@sveltejs/kit';
import { parseInput } from '@roster/shared';
import { apiError } from '$lib/server/api';
import { boardOfToken, NOT_FOUND_BOARD, withToken } from '$lib/server/apiV1';
import { boardQuerySchema, pageOfCreators } from '$lib/server/apiBoardQuery';
import { services } from '$lib/server/services';

/**
 * GET /api/v1/boards/:boardId?limit=&cursor=&status=&q=: the board's statuses and one page of its
 * creators (every field and the three statuses), as people with the board open see it now.
 */
export const GET = (event) =>
  withToken(event, async (identity) => {
    const board = await boardOfToken(identity, event.params.boardId);
    if (!board) return apiError(404, NOT_FOUND_BOARD);
    const query = parseInput(boardQuerySchema, Object.fromEntries(event.url.searchParams));
    if (!query.ok) return apiError(400, query.error);
    const data = await services().readLiveBoard.board(board.id);
    const page = pageOfCreators(data.creators, query.value);
    return json({
      board: { id: board.id, name: board.name, statuses: data.statuses },
      creators: page.creators,
      total: page.total,
      nextCursor: page.nextCursor,
    });
  });
