import { z } from 'zod';
import { forbidden, type Action } from '@roster/shared';
import { isId } from './ids.ts';

export type Failure = { ok: false; error: string; status: 400 | 401 | 403 | 404 | 409 | 429 };
export type Result<T> = ({ ok: true } & T) | Failure;

/** Parses input with a schema; on failure returns the first problem as `field: message`. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): { ok: true; value: z.infer<S> } | Failure {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || 'input';
  return { ok: false, status: 400, error: `${field}: ${issue?.message ?? 'is invalid'}` };
}

export function fail(status: Failure['status'], error: string): Failure {
  return { ok: false, status, error };
}

/** A 403 for a role the policy table does not allow the action (the sentence comes from the table). */
export function denied(action: Action): Failure {
  return fail(403, forbidden(action).message);
}

// C0 controls (NUL, tab, line breaks…), DEL and C1 controls. PostgreSQL refuses NUL in text (a 500
// if it got that far), and none of them belongs in a one-line name.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/** A required one-line text (a person's, workspace's or board's name): trimmed, bounded, no control characters. */
export function lineOfText(max: number) {
  return z
    .string()
    .trim()
    .min(1, { message: 'is required' })
    .max(max, { message: `must be at most ${max} characters` })
    .refine((value) => !CONTROL_CHARACTERS.test(value), { message: 'must not contain control characters' });
}

/** An id made by `newId`, e.g. a user id sent in a form. */
export const idSchema = z.string().refine(isId, { message: 'is not a valid id' });

/** The same check for an id passed on its own: a 400 `field: is not a valid id`, or null when it is fine. */
export function checkId(field: string, value: unknown): Failure | null {
  return isId(value) ? null : fail(400, `${field}: is not a valid id`);
}
