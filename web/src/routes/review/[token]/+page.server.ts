import { error, fail } from '@sveltejs/kit';
import { services } from '$lib/server/services';
import { formObject } from '$lib/server/results';

// The client's review page: no sign-in, the token is the key (server/src/shareLinks/ContentReview.ts).
// It shows one creator's drafts only; every action resolves the token again.
const TOO_MANY = 'Too many requests from your address. Wait a minute and try again.';

export async function load({ params, getClientAddress, setHeaders }) {
  // The token is in the URL: keep the page out of caches and referrers.
  setHeaders({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
  if (!services().shareLinks.allowPublic(getClientAddress())) error(429, TOO_MANY);
  const result = await services().contentReview.view(params.token);
  return result.ok
    ? { review: result.review, token: params.token, problem: null }
    : { review: null, token: params.token, problem: result.error.message };
}

export const actions = {
  decide: async ({ params, request, getClientAddress }) => {
    if (!services().shareLinks.allowPublic(getClientAddress())) return fail(429, { error: TOO_MANY });
    const form = await formObject(request);
    const decision =
      form.decision === 'approved' ? 'approved' : form.decision === 'changes_requested' ? 'changes_requested' : null;
    if (!decision || !form.draftId) return fail(400, { error: 'Choose Approve or Request changes.' });
    const result = await services().contentReview.decide(params.token, {
      draftId: form.draftId.slice(0, 64),
      decision,
      comment: (form.comment ?? '').slice(0, 4000) || null,
    });
    return result.ok ? { done: decision } : fail(result.status, { error: result.error.message });
  },
  comment: async ({ params, request, getClientAddress }) => {
    if (!services().shareLinks.allowPublic(getClientAddress())) return fail(429, { error: TOO_MANY });
    const form = await formObject(request);
    if (!form.draftId) return fail(400, { error: 'Choose a draft to comment on.' });
    const result = await services().contentReview.comment(params.token, {
      draftId: form.draftId.slice(0, 64),
      comment: (form.comment ?? '').slice(0, 4000),
    });
    return result.ok ? { done: 'comment' } : fail(result.status, { error: result.error.message });
  },
};
