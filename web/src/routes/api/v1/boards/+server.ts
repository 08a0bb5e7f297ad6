import { json } from '@sveltejs/kit';
import { services } from '$lib/server/services';
import { withToken } from '$lib/server/apiV1';

/** GET /api/v1/boards: the token's workspace's boards (archived ones left out). */
export const GET = (event) =>
  withToken(event, async (identity) => {
    const boards = await services().boards.list(identity.workspaceId);
    return json({
      boards: boards.map((board) => ({
        id: board.id,
        name: board.name,
        creatorCount: board.creatorCount,
        createdAt: board.createdAt,
        lastActivityAt: board.lastActivityAt,
      })),
    });
  });
