import { z } from 'zod';
import {
  forbidden,
  INVALID_INPUT,
  labelOf,
  parseInput as parseProblem,
  type Action,
  type FieldLabels,
  type Problem,
} from '@roster/shared';
import { isId } from './ids.ts';

/**
 * A refusal by a domain service: the HTTP status it maps to and the Problem in the one shape every
 * layer uses (`{ code, message, field? }`, shared/src/problem.ts). Forms show `error.message` and
 * mark `error.field`; the JSON API answers `{ "error": Problem }` with `status`.
 */
export type Failure = { ok: false; status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429; error: Problem };
export type Result<T> = ({ ok: true } & T) | Failure;

/** Parses input with a schema; on failure a 400 with the first problem as a sentence and its field. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  fields?: FieldLabels,
): { ok: true; value: z.output<S> } | Failure {
  const parsed = parseProblem(schema, input, fields);
  return parsed.ok ? parsed : { ...parsed, status: 400 };
}

export function fail(status: Failure['status'], code: string, message: string, field?: string): Failure {
  return { ok: false, status, error: field === undefined ? { code, message } : { code, message, field } };
}

/** A 403 for a role the policy table does not allow the action (the sentence comes from the table). */
export function denied(action: Action): Failure {
  return { ok: false, status: 403, error: forbidden(action) };
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

/** The same check for an id passed on its own: a 400 naming the field, or null when it is fine. */
export function checkId(field: string, value: unknown): Failure | null {
  return isId(value) ? null : fail(400, INVALID_INPUT, `${labelOf([field])} is not a valid id.`, field);
}
