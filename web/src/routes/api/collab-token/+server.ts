import { json } from '@sveltejs/kit';
import { services } from '$lib/server/services';
import { apiError, apiUser, SIGNED_OUT } from '$lib/server/api';

/**
 * A short-lived token for a non-browser board client: connect to `/collab?token=…`. It belongs to
 * this session: signing out (or the session ending any other way) ends it.
 */
export async function POST({ locals }) {
  const user = apiUser(locals);
  if (user instanceof Response) return user;
  const minted = locals.sessionId ? await services().sessions.createCollabToken(locals.sessionId) : null;
  if (!minted) return apiError(401, SIGNED_OUT);
  return json({ token: minted.token, expiresAt: minted.expiresAt.toISOString() });
}
