import { json } from '@sveltejs/kit';
import { apiFailure, apiUser } from '$lib/server/api';
import { services } from '$lib/server/services';

/** GET: the workspace's message templates and whether email is set up (members; the board's send dialog). */
export async function GET({ locals, params }) {
  const user = apiUser(locals);
  if (user instanceof Response) return user;
  const listed = await services().outreach.templates.list(user.id, params.workspaceId);
  if (!listed.ok) return apiFailure(listed);
  const smtp = await services().outreach.smtp.view(user.id, params.workspaceId);
  if (!smtp.ok) return apiFailure(smtp);
  return json({
    templates: listed.templates,
    email: smtp.smtp ? { fromAddress: smtp.smtp.fromAddress, ratePerMinute: smtp.smtp.ratePerMinute } : null,
  });
}
