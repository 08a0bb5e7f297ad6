import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { parseInput } from '@roster/shared';
import { apiError, apiFailure, apiUser, readJson } from '$lib/server/api';
import { services } from '$lib/server/services';

/** GET: the board's snapshots, newest first (members). */
export async function GET({ locals, params }) {
  const user = apiUser(locals);
  if (user instanceof Response) return user;
  const result = await services().snapshots.list(user.id, params.boardId);
  return result.ok ? json({ snapshots: result.snapshots }) : apiFailure(result);
}

const takeSchema = z.object({ reason: z.enum(['before-remove', 'before-archive-status', 'manual']) }).strict();

/** POST `{ reason }`: a snapshot now, before a risky change (editors). */
export async function POST({ locals, params, request }) {
  const user = apiUser(locals);
  if (user instanceof Response) return user;
  const body = await readJson(request);
  if (body instanceof Response) return body;
  const input = parseInput(takeSchema, body);
  if (!input.ok) return apiError(400, input.error);
  const result = await services().snapshots.takeFor(user.id, params.boardId, input.value.reason);
  return result.ok ? json({ id: result.id }, { status: 201 }) : apiFailure(result);
}
