import { json } from '@sveltejs/kit';
import type { Problem } from '@roster/shared';
import type { Failure, SessionUser } from '@roster/server';
import { isBodyTooLarge } from './results';

/** A JSON error answer in the API's one shape: `{ "error": { code, message, field? } }`. */
export function apiError(status: number, error: Problem): Response {
  return json({ error }, { status });
}

/** A domain service's refusal as the API answers it. */
export function apiFailure(failure: Failure): Response {
  return apiError(failure.status, failure.error);
}

/** The signed-in user, or a 401 answer to return. */
export function apiUser(locals: App.Locals): SessionUser | Response {
  return locals.user ?? apiError(401, SIGNED_OUT);
}

export const SIGNED_OUT: Problem = { code: 'signed_out', message: 'You are not signed in.' };

/** Parses a JSON request body; a 400 answer when it is not JSON, a 413 when it is too large. */
export async function readJson(request: Request): Promise<unknown | Response> {
  try {
    return await request.json();
  } catch (cause) {
    if (isBodyTooLarge(cause))
      return apiError(413, { code: 'body_too_large', message: 'The body is larger than the server accepts.' });
    return apiError(400, { code: 'invalid_json', message: 'The body must be JSON.' });
  }
}
