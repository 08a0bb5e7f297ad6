import { error } from '@sveltejs/kit';
import { services } from '$lib/server/services';
import { requireMember } from '$lib/server/guards';
import { failForm, formObject } from '$lib/server/results';

export async function load(event) {
  const { user } = await requireMember(event, event.params.workspaceId);
  const viewed = await services().outreach.smtp.view(user.id, event.params.workspaceId);
  if (!viewed.ok) error(viewed.status, viewed.error.message);
  return {
    smtp: viewed.smtp,
    canChange: viewed.canChange,
    canStorePasswords: services().outreach.smtp.canStorePasswords,
  };
}

export const actions = {
  save: async (event) => {
    const { user } = await requireMember(event, event.params.workspaceId);
    const values = await formObject(event.request);
    const input = {
      host: values.host ?? '',
      port: values.port ?? '',
      security: values.security ?? '',
      username: values.username ?? '',
      password: values.password ?? '',
      clearPassword: values.clearPassword === 'on',
      fromAddress: values.fromAddress ?? '',
      fromName: values.fromName ?? '',
      ratePerMinute: values.ratePerMinute ?? '',
    };
    const result = await services().outreach.smtp.save(user.id, event.params.workspaceId, input);
    // The password is never sent back to the page, not even when the form is refused.
    if (!result.ok) return failForm(result, { values: { ...input, password: '' } });
    return { saved: true };
  },
  test: async (event) => {
    const { user } = await requireMember(event, event.params.workspaceId);
    const values = await formObject(event.request);
    const result = await services().outreach.smtp.sendTest(user.id, event.params.workspaceId, { to: values.to ?? '' });
    if (!result.ok) return failForm(result, { testTo: values.to ?? '' });
    return { tested: result.to };
  },
};
