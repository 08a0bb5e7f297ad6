import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

/** A rank between two neighbours (null = open end). Repairs invalid stored ranks instead of throwing. */
export function rankBetween(before: string | null, after: string | null): string {
  try {
    if (before !== null && after !== null && before >= after) return generateKeyBetween(before, null);
    return generateKeyBetween(before, after);
  } catch {
    return generateKeyBetween(null, null);
  }
}

/** `count` ranks in order after `after` (for adding many creators at the end of a column). */
export function ranksAfter(after: string | null, count: number): string[] {
  try {
    return generateNKeysBetween(after, null, count);
  } catch {
    return generateNKeysBetween(null, null, count);
  }
}
