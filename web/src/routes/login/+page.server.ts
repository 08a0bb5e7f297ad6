import { redirect } from '@sveltejs/kit';
import { services } from '$lib/server/services';
import { failForm, formObject } from '$lib/server/results';
import { safeNext, setSessionCookie } from '$lib/server/session';

export function load({ locals, url }) {
  if (locals.user) redirect(303, safeNext(url.searchParams.get('next'), url.origin));
}

export const actions = {
  default: async ({ request, cookies, url, getClientAddress }) => {
    const values = await formObject(request);
    const result = await services().accounts.logIn(values, getClientAddress());
    if (!result.ok) return failForm(result, { email: values.email ?? '' });
    setSessionCookie(cookies, url, result.token, result.expiresAt);
    redirect(303, safeNext(url.searchParams.get('next'), url.origin));
  },
};
