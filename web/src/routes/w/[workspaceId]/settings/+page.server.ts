import { can } from '@roster/shared';
import { services } from '$lib/server/services';
import { requireMember } from '$lib/server/guards';
import { failForm, formObject } from '$lib/server/results';

export async function load(event) {
  const { role } = await requireMember(event, event.params.workspaceId);
  return { canRename: can(role, 'workspace.rename') };
}

export const actions = {
  rename: async (event) => {
    const { user } = await requireMember(event, event.params.workspaceId);
    // The service asks the policy table (a viewer's forged POST is a 403 there).
    const values = await formObject(event.request);
    const result = await services().workspaces.rename(user.id, event.params.workspaceId, values);
    if (!result.ok) return failForm(result, { name: values.name ?? '' });
    return { renamed: true };
  },
};
