import { can } from '@roster/shared';
import { services } from '$lib/server/services';
import { requireBoard, requireUser } from '$lib/server/guards';
import { failForm, formObject } from '$lib/server/results';

export async function load(event) {
  const { access } = await requireBoard(event);
  const [members, preview] = await Promise.all([
    services().workspaces.members(access.board.workspaceId),
    // The first screen, drawn by the server before the board's script has loaded the board.
    services().boardPreviews.read(access.board.id),
  ]);
  return {
    board: access.board,
    boardRole: access.role,
    canEdit: can(access.role, 'board.edit'),
    // Assignees are workspace members; emails stay on the members page.
    members: members.map((m) => ({ id: m.userId, name: m.name })),
    preview,
  };
}

export const actions = {
  /** The headline renames the board: the same rename, and the same name, as the boards list. */
  rename: async (event) => {
    const user = requireUser(event);
    const values = await formObject(event.request);
    const result = await services().boards.rename(user.id, event.params.boardId, values);
    if (!result.ok) return failForm(result);
    return { renamed: true };
  },
};
