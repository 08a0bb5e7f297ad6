import { redirect } from '@sveltejs/kit';
import { services } from '$lib/server/services';
import { requireMember } from '$lib/server/guards';
import { failForm, formObject } from '$lib/server/results';
import { clearSessionCookie } from '$lib/server/session';

// Your own account: nothing here depends on your role in the workspace the page is shown in.
export const actions = {
  password: async (event) => {
    const { user } = await requireMember(event, event.params.workspaceId);
    const values = await formObject(event.request);
    const result = await services().accounts.changePassword(user.id, event.locals.sessionId ?? '', values);
    if (!result.ok) return failForm(result);
    return { passwordChanged: true };
  },
  signOutEverywhere: async (event) => {
    const { user } = await requireMember(event, event.params.workspaceId);
    await services().sessions.invalidateAllOf(user.id);
    clearSessionCookie(event.cookies);
    redirect(303, '/login');
  },
};
