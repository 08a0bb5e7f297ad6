import { error } from '@sveltejs/kit';
import { can, type Creator } from '@roster/shared';
import { services } from '$lib/server/services';
import { requireMember } from '$lib/server/guards';
import { failForm, formObject } from '$lib/server/results';

/** Creators the preview offers: the first ones of the workspace's newest board. */
const PREVIEW_CREATORS = 30;

export async function load(event) {
  const { user, role } = await requireMember(event, event.params.workspaceId);
  const listed = await services().outreach.templates.list(user.id, event.params.workspaceId);
  if (!listed.ok) error(listed.status, listed.error.message);
  const boards = await services().boards.list(event.params.workspaceId);
  const newest = boards.toSorted((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  let creators: Creator[] = [];
  if (newest) {
    const board = await services().readLiveBoard.board(newest.id);
    creators = board.creators.slice(0, PREVIEW_CREATORS);
  }
  return {
    templates: listed.templates,
    canEdit: can(role, 'outreach.templates'),
    preview: { boardName: newest?.name ?? null, creators },
  };
}

export const actions = {
  save: async (event) => {
    const { user } = await requireMember(event, event.params.workspaceId);
    const values = await formObject(event.request);
    const input = { name: values.name ?? '', subject: values.subject ?? '', body: values.body ?? '' };
    const result = await services().outreach.templates.save(
      user.id,
      event.params.workspaceId,
      input,
      values.templateId || undefined,
    );
    if (!result.ok) return failForm(result, { values: { ...input, templateId: values.templateId ?? '' } });
    return { saved: { id: result.template.id, name: result.template.name } };
  },
  remove: async (event) => {
    const { user } = await requireMember(event, event.params.workspaceId);
    const values = await formObject(event.request);
    const result = await services().outreach.templates.remove(
      user.id,
      event.params.workspaceId,
      values.templateId ?? '',
    );
    if (!result.ok) return failForm(result);
    return { removed: true };
  },
};
