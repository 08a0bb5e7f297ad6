import { services } from '$lib/server/services';
import { requireMember } from '$lib/server/guards';

export async function load(event) {
  const { user, role } = await requireMember(event, event.params.workspaceId);
  const workspaces = await services().workspaces.listFor(user.id);
  const workspace = workspaces.find((w) => w.id === event.params.workspaceId)!;
  return { user, role, workspace, workspaces };
}
