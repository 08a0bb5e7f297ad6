import { redirect } from '@sveltejs/kit';
import { services } from '$lib/server/services';
import { failForm, formObject } from '$lib/server/results';
import { safeNext, setSessionCookie } from '$lib/server/session';

export async function load({ locals, url }) {
  const inviteToken = url.searchParams.get('invite');
  if (locals.user)
    redirect(303, inviteToken ? `/invite/${inviteToken}` : safeNext(url.searchParams.get('next'), url.origin));
  // Signing up through an invite link joins its workspace; the page says which, or that the link is used up.
  const invite = inviteToken ? await services().workspaces.peekInvite(inviteToken) : null;
  return { inviteToken: invite ? inviteToken : null, invite, inviteGone: Boolean(inviteToken) && !invite };
}

export const actions = {
  default: async ({ request, cookies, url }) => {
    const values = await formObject(request);
    const result = await services().accounts.signUp(values, { inviteToken: values.invite || undefined });
    if (!result.ok) return failForm(result, { name: values.name ?? '', email: values.email ?? '' });
    setSessionCookie(cookies, url, result.token, result.expiresAt);
    redirect(303, safeNext(url.searchParams.get('next'), url.origin, `/w/${result.workspaceId}`));
  },
};
