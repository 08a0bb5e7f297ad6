import { error, fail, isHttpError } from '@sveltejs/kit';
import type { Failure } from '@roster/server';

/**
 * Turns a service failure into the SvelteKit answer: user mistakes (400, 401 wrong password, 409,
 * 429) go back to the form as `form.error` (a Problem: the page shows `message` and marks `field`);
 * access problems (403, 404) become the error page with the message.
 */
export function failForm<V extends Record<string, unknown> = Record<never, never>>(
  failure: Failure,
  values: V = {} as V,
) {
  if (failure.status === 403 || failure.status === 404) error(failure.status, failure.error.message);
  return fail(failure.status, { error: failure.error, ...values });
}

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/**
 * Whether reading a body failed because it is over BODY_SIZE_LIMIT (512 KB by default):
 * adapter-node stops the read with SvelteKit's internal SvelteKitError (status 413), which is not
 * an HttpError and is not exported, so it is recognised by its status.
 */
export function isBodyTooLarge(cause: unknown): boolean {
  return cause instanceof Error && (cause as Error & { status?: unknown }).status === 413;
}

/**
 * Reads a form into a plain object for the services' schemas. Files are left out. A body that is
 * not a form is a 415, one that cannot be parsed as its type says a 400 (not a crash of the action).
 */
export async function formObject(request: Request): Promise<Record<string, string>> {
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!FORM_TYPES.includes(type))
    error(415, 'Send the form as application/x-www-form-urlencoded or multipart/form-data.');
  let form: FormData;
  try {
    form = await request.formData();
  } catch (cause) {
    if (isHttpError(cause)) throw cause;
    if (isBodyTooLarge(cause)) error(413, 'The form is too large.');
    error(400, 'The form could not be read.');
  }
  const values: Record<string, string> = {};
  for (const [key, value] of form) if (typeof value === 'string') values[key] = value;
  return values;
}
