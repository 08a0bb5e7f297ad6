import { json } from '@sveltejs/kit';
import { can } from '@roster/shared';
import { services } from '$lib/server/services';
import { apiError, apiFailure, apiUser, readJson } from '$lib/server/api';

export async function GET({ locals, params }) {
  const user = apiUser(locals);
  if (user instanceof Response) return user;
  const role = await services().workspaces.roleOf(params.workspaceId, user.id);
  // A non-member learns nothing, not even that the workspace exists.
  if (!can(role, 'board.view')) return apiError(404, { code: 'workspace_not_found', message: 'Workspace not found.' });
  return json({ boards: await services().boards.list(params.workspaceId) });
}

export async function POST({ locals, params, request }) {
  const user = apiUser(locals);
  if (user instanceof Response) return user;
  const body = await readJson(request);
  if (body instanceof Response) return body;
  const result = await services().boards.create(user.id, params.workspaceId, body);
  if (!result.ok) return apiFailure(result);
  const role = await services().workspaces.roleOf(params.workspaceId, user.id);
  if (role) await services().aqsBands.startBoard(result.board.id, { id: user.id, name: user.name, role });
  return json({ board: result.board }, { status: 201 });
}
