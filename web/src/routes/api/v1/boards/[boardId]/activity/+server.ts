import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { parseInput } from '@roster/shared';
import { apiError } from '$lib/server/api';
import { boardOfToken, NOT_FOUND_BOARD, withToken } from '$lib/server/apiV1';
import { services } from '$lib/server/services';

const activityQuery = z.object({ limit: z.coerce.number().int().min(1).max(2000).default(100) }).strict();

/** GET /api/v1/boards/:boardId/activity?limit=: the board's history, newest first (who, what, when). */
export const GET = (event) =>
  withToken(event, async (identity) => {
    const board = await boardOfToken(identity, event.params.boardId);
    if (!board) return apiError(404, NOT_FOUND_BOARD);
    const query = parseInput(activityQuery, Object.fromEntries(event.url.searchParams));
    if (!query.ok) return apiError(400, query.error);
    const entries = await services().readLiveBoard.activity(board.id);
    return json({ activity: entries.slice(0, query.value.limit) });
  });
