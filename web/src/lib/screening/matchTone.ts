/** How a match score reads at a glance: good from 70, fair from 40, else weak; no score: unknown. */
export type MatchTone = 'good' | 'fair' | 'weak' | 'unknown';

export function matchTone(score: number | null): MatchTone {
  if (score === null) return 'unknown';
  return score >= 70 ? 'good' : score >= 40 ? 'fair' : 'weak';
}

/** The parts of a match in people's words. */
export const DIMENSION_LABELS = { countries: 'Countries', ages: 'Ages', gender: 'Gender' } as const;
