import { error, redirect } from '@sveltejs/kit';
import { can, forbidden } from '@roster/shared';
import { services } from '$lib/server/services';
import { requireMember } from '$lib/server/guards';
import { failForm, formObject } from '$lib/server/results';

export async function load(event) {
  const { workspaceId } = event.params;
  const { role } = await requireMember(event, workspaceId);
  if (!can(role, 'members.view')) error(403, forbidden('members.view').message);
  const [members, invites] = await Promise.all([
    services().workspaces.members(workspaceId),
    can(role, 'members.invite') ? services().workspaces.pendingInvites(workspaceId) : Promise.resolve([]),
  ]);
  return { members, invites };
}

export const actions = {
  invite: async (event) => {
    const { user } = await requireMember(event, event.params.workspaceId);
    const values = await formObject(event.request);
    const result = await services().workspaces.invite(user.id, event.params.workspaceId, values);
    if (!result.ok) return failForm(result);
    // The token is shown once, now; only its hash is stored.
    return { inviteUrl: `${event.url.origin}/invite/${result.token}`, inviteRole: values.role };
  },
  revoke: async (event) => {
    const { user } = await requireMember(event, event.params.workspaceId);
    const values = await formObject(event.request);
    const result = await services().workspaces.revokeInvite(user.id, event.params.workspaceId, values.inviteId ?? '');
    if (!result.ok) return failForm(result);
  },
  role: async (event) => {
    const { user } = await requireMember(event, event.params.workspaceId);
    const values = await formObject(event.request);
    const result = await services().workspaces.changeRole(user.id, event.params.workspaceId, values);
    if (!result.ok) return failForm(result);
  },
  remove: async (event) => {
    const { user } = await requireMember(event, event.params.workspaceId);
    const values = await formObject(event.request);
    const result = await services().workspaces.removeMember(user.id, event.params.workspaceId, values.userId ?? '');
    if (!result.ok) return failForm(result);
    if (values.userId === user.id) redirect(303, '/');
  },
};
