import { error, fail } from '@sveltejs/kit';
import type { Failure } from '@roster/server';

/**
 * Turns a service failure into the SvelteKit answer: user mistakes (400, 401 wrong password, 409,
 * 429) go back to the form with the message; access problems (403, 404) become the error page.
 */
export function failForm<V extends Record<string, unknown> = Record<never, never>>(
  failure: Failure,
  values: V = {} as V,
) {
  if (failure.status === 403 || failure.status === 404) error(failure.status, failure.error);
  return fail(failure.status, { error: failure.error, ...values });
}

/** Reads a form into a plain object for the services' schemas. Files are left out. */
export async function formObject(request: Request): Promise<Record<string, string>> {
  const form = await request.formData();
  const values: Record<string, string> = {};
  for (const [key, value] of form) if (typeof value === 'string') values[key] = value;
  return values;
}
