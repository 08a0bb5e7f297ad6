import { redirect } from '@sveltejs/kit';
import { services } from '$lib/server/services';
import { failForm, formObject } from '$lib/server/results';
import { safeNext, setSessionCookie } from '$lib/server/session';

export function load({ locals, url }) {
  if (locals.user) redirect(303, safeNext(url.searchParams.get('next'), url.origin));
}

export const actions = {
  default: async ({ request, cookies, url }) => {
    const values = await formObject(request);
    const result = await services().accounts.signUp(values);
    if (!result.ok) return failForm(result, { name: values.name ?? '', email: values.email ?? '' });
    setSessionCookie(cookies, url, result.token, result.expiresAt);
    redirect(303, safeNext(url.searchParams.get('next'), url.origin, `/w/${result.workspaceId}`));
  },
};
