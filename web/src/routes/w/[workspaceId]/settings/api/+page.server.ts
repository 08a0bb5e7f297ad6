import { error } from '@sveltejs/kit';
import { can } from '@roster/shared';
import { services } from '$lib/server/services';
import { requireMember } from '$lib/server/guards';
import { failForm, formObject } from '$lib/server/results';

export async function load(event) {
  const { user, role } = await requireMember(event, event.params.workspaceId);
  const listed = await services().apiTokens.list(user.id, event.params.workspaceId);
  if (!listed.ok) error(listed.status, listed.error.message);
  return {
    tokens: listed.tokens,
    userId: user.id,
    canWrite: can(role, 'board.edit'),
    canMakeWorkspaceTokens: can(role, 'apiTokens.workspace'),
  };
}

export const actions = {
  create: async (event) => {
    const { user } = await requireMember(event, event.params.workspaceId);
    const values = await formObject(event.request);
    const result = await services().apiTokens.create(user.id, event.params.workspaceId, values);
    if (!result.ok) return failForm(result, { name: values.name ?? '' });
    // Shown once: only its hash is kept.
    return { created: { token: result.token, name: result.summary.name } };
  },
  revoke: async (event) => {
    const { user } = await requireMember(event, event.params.workspaceId);
    const values = await formObject(event.request);
    const result = await services().apiTokens.revoke(user.id, event.params.workspaceId, values.tokenId ?? '');
    if (!result.ok) return failForm(result);
    return { revoked: true };
  },
};
