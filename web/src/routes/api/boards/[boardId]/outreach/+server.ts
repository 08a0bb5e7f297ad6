import { json } from '@sveltejs/kit';
import { apiFailure, apiUser, readJson } from '$lib/server/api';
import { services } from '$lib/server/services';

/** GET: the board's running outreach jobs and those of the last day, with progress and failures (members). */
export async function GET({ locals, params }) {
  const user = apiUser(locals);
  if (user instanceof Response) return user;
  const result = await services().outreach.jobs.list(user.id, params.boardId);
  return result.ok ? json({ jobs: result.jobs }) : apiFailure(result);
}

/**
 * POST `{ kind?, templateName?, messages: [{ creatorId, subject, body }] }`: queues a bulk send of
 * the reviewed messages (owners and editors); the server sends them, paced, and logs each on the
 * creator. Answers `201 { jobId }`.
 */
export async function POST({ locals, params, request }) {
  const user = apiUser(locals);
  if (user instanceof Response) return user;
  const body = await readJson(request);
  if (body instanceof Response) return body;
  const result = await services().outreach.jobs.create({ id: user.id, name: user.name }, params.boardId, body);
  return result.ok ? json({ jobId: result.jobId }, { status: 201 }) : apiFailure(result);
}
