import { json } from '@sveltejs/kit';
import { services } from '$lib/server/services';
import { apiUser } from '$lib/server/api';

/** A short-lived token for a non-browser board client: connect to `/collab?token=…`. */
export async function POST({ locals }) {
  const user = apiUser(locals);
  if (user instanceof Response) return user;
  const { token, expiresAt } = await services().sessions.createCollabToken(user.id);
  return json({ token, expiresAt: expiresAt.toISOString() });
}
