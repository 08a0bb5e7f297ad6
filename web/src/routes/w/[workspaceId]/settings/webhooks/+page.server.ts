import { error } from '@sveltejs/kit';
import { services } from '$lib/server/services';
import { requireMember } from '$lib/server/guards';
import { failForm, formObject } from '$lib/server/results';

export async function load(event) {
  const { user } = await requireMember(event, event.params.workspaceId);
  const listed = await services().webhooks.list(user.id, event.params.workspaceId);
  if (!listed.ok) error(listed.status, listed.error.message);
  return { webhooks: listed.webhooks, deliveries: listed.deliveries };
}

/** A form's checkboxes named `events` (formObject keeps one value per name). */
async function webhookForm(request: Request) {
  const form = await request
    .clone()
    .formData()
    .catch(() => null);
  const values = await formObject(request);
  return { url: values.url ?? '', events: form ? form.getAll('events').filter((e) => typeof e === 'string') : [] };
}

export const actions = {
  create: async (event) => {
    const { user } = await requireMember(event, event.params.workspaceId);
    const input = await webhookForm(event.request);
    const result = await services().webhooks.create(user.id, event.params.workspaceId, input);
    if (!result.ok) return failForm(result, { url: input.url });
    // Shown once here; receivers check every delivery's signature with it.
    return { created: { url: result.webhook.url, secret: result.secret } };
  },
  remove: async (event) => {
    const { user } = await requireMember(event, event.params.workspaceId);
    const values = await formObject(event.request);
    const result = await services().webhooks.remove(user.id, event.params.workspaceId, values.webhookId ?? '');
    if (!result.ok) return failForm(result);
    return { removed: true };
  },
};
