import { fail, redirect } from '@sveltejs/kit';
import { services } from '$lib/server/services';
import { requireUser } from '$lib/server/guards';

export async function load({ params, locals }) {
  const invite = await services().workspaces.peekInvite(params.token);
  return { invite, signedIn: Boolean(locals.user), userName: locals.user?.name ?? null };
}

export const actions = {
  default: async (event) => {
    const user = requireUser(event);
    const result = await services().workspaces.acceptInvite(user.id, event.params.token);
    // A used or expired link is said on this page (a 404 with the form), not on the error page.
    if (!result.ok) return fail(result.status, { error: result.error });
    redirect(303, `/w/${result.workspaceId}`);
  },
};
