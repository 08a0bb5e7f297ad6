import type { z } from 'zod';

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
