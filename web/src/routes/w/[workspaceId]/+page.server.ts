import { redirect } from '@sveltejs/kit';
import { services } from '$lib/server/services';
import { requireMember } from '$lib/server/guards';
import { failForm, formObject } from '$lib/server/results';

export async function load(event) {
  const { workspaceId } = event.params;
  await requireMember(event, workspaceId);
  const [boards, archived] = await Promise.all([
    services().boards.list(workspaceId),
    services().boards.list(workspaceId, { archived: true }),
  ]);
  return { boards, archived };
}

export const actions = {
  create: async (event) => {
    const { user, role } = await requireMember(event, event.params.workspaceId);
    const values = await formObject(event.request);
    const result = await services().boards.create(user.id, event.params.workspaceId, values);
    if (!result.ok) return failForm(result, { name: values.name ?? '' });
    await services().aqsBands.startBoard(result.board.id, { ...user, role });
    // A new board is opened: the next thing anyone does with it is add creators.
    redirect(303, `/w/${event.params.workspaceId}/b/${result.board.id}`);
  },
  rename: async (event) => {
    const { user } = await requireMember(event, event.params.workspaceId);
    const values = await formObject(event.request);
    const result = await services().boards.rename(user.id, values.boardId ?? '', values);
    if (!result.ok) return failForm(result);
    return { renamed: values.boardId };
  },
  archive: async (event) => {
    const { user, role } = await requireMember(event, event.params.workspaceId);
    const values = await formObject(event.request);
    const archived = values.archived !== 'false';
    const result = await services().boards.setArchived(user.id, values.boardId ?? '', archived);
    if (!result.ok) return failForm(result);
    // A restored board missed the band changes made while it was archived.
    if (!archived) await services().aqsBands.startBoard(values.boardId!, { ...user, role }, { restored: true });
    return { archived: values.boardId };
  },
};
