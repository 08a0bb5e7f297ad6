import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { parseInput } from '@roster/shared';
import { apiError, apiFailure, apiUser, readJson } from '$lib/server/api';
import { services } from '$lib/server/services';

/** GET `?creatorId=`: the message this job sent (or is sending) that creator, in full (members). */
export async function GET({ locals, params, url }) {
  const user = apiUser(locals);
  if (user instanceof Response) return user;
  const creatorId = url.searchParams.get('creatorId') ?? '';
  const result = await services().outreach.jobs.message(user.id, params.boardId, params.jobId, creatorId);
  return result.ok ? json({ message: result.message }) : apiFailure(result);
}

const actionSchema = z.discriminatedUnion('action', [
  z
    .object({
      action: z.literal('retry'),
      creatorIds: z.array(z.string().min(1).max(64)).max(2000).optional(),
      includeUnknown: z.boolean().optional(),
    })
    .strict(),
  z.object({ action: z.literal('cancel') }).strict(),
]);

/**
 * POST `{ action: 'retry', creatorIds?, includeUnknown? }`: sends failed messages again (and, only
 * when asked, those whose outcome is unknown); `{ action: 'cancel' }` stops the job (editors).
 */
export async function POST({ locals, params, request }) {
  const user = apiUser(locals);
  if (user instanceof Response) return user;
  const body = await readJson(request);
  if (body instanceof Response) return body;
  const input = parseInput(actionSchema, body);
  if (!input.ok) return apiError(400, input.error);
  const jobs = services().outreach.jobs;
  if (input.value.action === 'cancel') {
    const result = await jobs.cancel(user.id, params.boardId, params.jobId);
    return result.ok ? json({ cancelled: true }) : apiFailure(result);
  }
  const { action: _action, ...retry } = input.value;
  const result = await jobs.retry(user.id, params.boardId, params.jobId, retry);
  return result.ok ? json({ queued: result.queued }) : apiFailure(result);
}
