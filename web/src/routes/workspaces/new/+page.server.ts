import { redirect } from '@sveltejs/kit';
import { services } from '$lib/server/services';
import { requireUser } from '$lib/server/guards';
import { failForm, formObject } from '$lib/server/results';

export function load(event) {
  requireUser(event);
}

export const actions = {
  default: async (event) => {
    const user = requireUser(event);
    const values = await formObject(event.request);
    const result = await services().workspaces.createFor(user.id, values);
    if (!result.ok) return failForm(result, { name: values.name ?? '' });
    redirect(303, `/w/${result.id}`);
  },
};
