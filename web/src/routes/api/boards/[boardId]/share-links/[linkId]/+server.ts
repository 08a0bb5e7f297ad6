import { json } from '@sveltejs/kit';
import { apiFailure, apiUser } from '$lib/server/api';
import { services } from '$lib/server/services';

/** DELETE: revokes the link for good (owners and editors); it stops working at once. */
export async function DELETE({ locals, params }) {
  const user = apiUser(locals);
  if (user instanceof Response) return user;
  const result = await services().shareLinks.revoke(user.id, params.boardId, params.linkId);
  return result.ok ? json({ link: result.link }) : apiFailure(result);
}
