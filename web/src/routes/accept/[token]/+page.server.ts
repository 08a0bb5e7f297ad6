import { fail } from '@sveltejs/kit';
import { acceptTerms, loadAcceptance } from '$lib/server/acceptance';
import { formObject } from '$lib/server/results';

// The creator-facing acceptance page: no sign-in, the token is the key (see lib/server/acceptance).
export async function load({ params, getClientAddress, setHeaders }) {
  // The token is in the URL: keep the page out of caches and referrers.
  setHeaders({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
  return { page: await loadAcceptance(params.token, getClientAddress()) };
}

export const actions = {
  default: async ({ params, request, getClientAddress }) => {
    const form = await formObject(request);
    const result = await acceptTerms(params.token, getClientAddress(), { name: form.name, date: form.date });
    if (!result.ok) return fail(result.status, { error: result.error });
    return { accepted: true };
  },
};
