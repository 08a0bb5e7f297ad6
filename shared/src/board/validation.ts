import type { z } from 'zod';

/** Parses operation input; the first problem as `field: message`, like the rest of Roster. */
export function parseOperationInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; value: z.infer<S> } | { ok: false; reason: string } {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  return { ok: false, reason: `${issue?.path.join('.') || 'input'}: ${issue?.message ?? 'is invalid'}` };
}
