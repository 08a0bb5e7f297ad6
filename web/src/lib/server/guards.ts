import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { SessionUser } from '@roster/server';
import { can } from '@roster/shared';
import { services } from './services';

/** The signed-in user, or a redirect to the login page that comes back here afterwards. */
export function requireUser(event: Pick<RequestEvent, 'locals' | 'url'>): SessionUser {
  if (!event.locals.user) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
  return event.locals.user;
}

/** The user and their role in a workspace; 404 when they are not a member (no hint that it exists). */
export async function requireMember(event: Pick<RequestEvent, 'locals' | 'url'>, workspaceId: string) {
  const user = requireUser(event);
  const role = await services().workspaces.roleOf(workspaceId, user.id);
  if (!role) error(404, 'Workspace not found.');
  return { user, role };
}

/**
 * The user and their access to a board of the workspace in the URL; 404 (no hint that it exists) when they
 * may not view it, when it belongs to another workspace, or when it is archived.
 */
export async function requireBoard(
  event: Pick<RequestEvent, 'locals' | 'url'> & { params: { workspaceId: string; boardId: string } },
) {
  const user = requireUser(event);
  const access = await services().boards.access(event.params.boardId, user.id);
  if (
    !access ||
    !can(access.role, 'board.view') ||
    access.board.workspaceId !== event.params.workspaceId ||
    access.board.archivedAt
  )
    error(404, 'This board does not exist or was archived.');
  return { user, access };
}
