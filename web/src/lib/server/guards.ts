import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { SessionUser } from '@roster/server';
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
