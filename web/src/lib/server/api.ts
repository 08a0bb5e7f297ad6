import { json } from '@sveltejs/kit';
import type { SessionUser } from '@roster/server';
import { isBodyTooLarge } from './results';

/** A JSON error answer in the API's one shape: `{ error: "field: message" }`. */
export function apiError(status: number, message: string): Response {
  return json({ error: message }, { status });
}

/** The signed-in user, or a 401 answer to return. */
export function apiUser(locals: App.Locals): SessionUser | Response {
  return locals.user ?? apiError(401, 'You are not signed in.');
}

/** Parses a JSON request body; a 400 answer when it is not JSON, a 413 when it is too large. */
export async function readJson(request: Request): Promise<unknown | Response> {
  try {
    return await request.json();
  } catch (cause) {
    if (isBodyTooLarge(cause)) return apiError(413, 'body: is larger than the server accepts');
    return apiError(400, 'body: must be JSON');
  }
}
