import { redirect } from '@sveltejs/kit';
import { services } from '$lib/server/services';
import { clearSessionCookie } from '$lib/server/session';

export function load() {
  redirect(303, '/');
}

export const actions = {
  default: async ({ locals, cookies }) => {
    if (locals.sessionId) await services().sessions.invalidate(locals.sessionId);
    clearSessionCookie(cookies);
    redirect(303, '/login');
  },
};
