import { json } from '@sveltejs/kit';
import { SHARE_LINK_KINDS, shareLinkPath, type ShareLinkKind } from '@roster/shared';
import { apiError, apiFailure, apiUser, readJson } from '$lib/server/api';
import { services } from '$lib/server/services';

/** GET `?creatorId=&kind=`: the board's share links, newest first (owners and editors). */
export async function GET({ locals, params, url }) {
  const user = apiUser(locals);
  if (user instanceof Response) return user;
  const kind = url.searchParams.get('kind');
  if (kind !== null && !(SHARE_LINK_KINDS as readonly string[]).includes(kind))
    return apiError(400, { code: 'invalid_input', message: 'Kind must be review or acceptance.', field: 'kind' });
  const result = await services().shareLinks.list(user.id, params.boardId, {
    creatorId: url.searchParams.get('creatorId') ?? undefined,
    kind: (kind as ShareLinkKind | null) ?? undefined,
  });
  return result.ok ? json({ links: result.links }) : apiFailure(result);
}

/**
 * POST `{ creatorId, kind, expiresInDays?, label? }`: a new link (owners and editors). The token
 * is in this answer only, with the page's path (`/review/<token>` or `/accept/<token>`).
 */
export async function POST({ locals, params, request }) {
  const user = apiUser(locals);
  if (user instanceof Response) return user;
  const body = await readJson(request);
  if (body instanceof Response) return body;
  const result = await services().shareLinks.create(user.id, params.boardId, body);
  if (!result.ok) return apiFailure(result);
  return json(
    { link: result.link, token: result.token, path: shareLinkPath(result.link.kind, result.token) },
    { status: 201 },
  );
}
