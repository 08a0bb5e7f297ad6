import { z } from 'zod';

/** Optional free text in an operation's input: trimmed, at most `max` characters; empty or absent → null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `must be at most ${max} characters` })
    .nullable()
    .optional()
    .transform((value) => (value ? value : null));
