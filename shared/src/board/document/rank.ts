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

/** Sorts by rank, then id, so equal ranks (two people dropping at one spot) order the same everywhere. */
export function byRank<T extends { rank: string; id: string }>(a: T, b: T): number {
  if (a.rank !== b.rank) return a.rank < b.rank ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
