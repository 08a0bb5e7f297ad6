import { redirect } from '@sveltejs/kit';
import { services } from '$lib/server/services';
import { requireUser } from '$lib/server/guards';
import { failForm, formObject } from '$lib/server/results';
import { clearSessionCookie } from '$lib/server/session';

// A person's own account: the same in every workspace, so it lives outside /w/[workspaceId].
export function load(event) {
  return { user: requireUser(event) };
}

export const actions = {
  password: async (event) => {
    const user = requireUser(event);
    const values = await formObject(event.request);
    const result = await services().accounts.changePassword(
      user.id,
      event.locals.sessionId ?? '',
      values,
      event.getClientAddress(),
    );
    if (!result.ok) return failForm(result);
    return { passwordChanged: true };
  },
  signOutEverywhere: async (event) => {
    const user = requireUser(event);
    await services().sessions.invalidateAllOf(user.id);
    clearSessionCookie(event.cookies);
    redirect(303, '/login');
  },
};
