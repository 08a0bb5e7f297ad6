import { redirect } from '@sveltejs/kit';
import { services } from '$lib/server/services';
import { requireUser } from '$lib/server/guards';

export async function load(event) {
  const user = requireUser(event);
  const [first] = await services().workspaces.listFor(user.id);
  if (!first) redirect(303, '/workspaces/new');
  redirect(303, `/w/${first.id}`);
}
