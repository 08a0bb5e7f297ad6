import type { AudienceDemographics } from '../creators/creator.ts';
import { isEmptyTarget, type TargetAudience } from './targetAudience.ts';

/** The parts of a target a creator's audience is compared on. */
export const MATCH_DIMENSIONS = ['countries', 'ages', 'gender'] as const;
export type MatchDimension = (typeof MATCH_DIMENSIONS)[number];

/**
 * How much each part counts when the target asks for it. Where the audience lives decides most
 * (a campaign for German shops gains nothing from an audience in Brazil), age next, gender least
 * (most products sell to every gender, so a target names it only when it really matters).
 */
export const MATCH_WEIGHTS: Readonly<Record<MatchDimension, number>> = { countries: 0.5, ages: 0.3, gender: 0.2 };

/** An open age bracket ("65+") is read as this many years wide. */
export const OPEN_BRACKET_YEARS = 10;

/** One part of a match: how much of the audience fits that part of the target. */
export interface MatchPart {
  dimension: MatchDimension;
  /** 0–100 (rounded to one decimal), or null when the creator has no data for this part. */
  fit: number | null;
  /** The part's weight among the parts that have data (0–1; 0 when it has none). */
  weight: number;
}

/** A match as computed; shared between callers (cached), so never changed by them. */
export interface AudienceMatch {
  /** 0–100, whole number; null when the board has no target or the creator no data for any part of it. */
  readonly score: number | null;
  /** The parts the target asks for, in MATCH_DIMENSIONS order. */
  readonly parts: readonly MatchPart[];
  /** Parts the target asks for that the creator's audience has no data for. */
  readonly missing: readonly MatchDimension[];
}

/**
 * How well a creator's audience matches the board's target audience, 0–100.
 *
 * Each part the target asks for gets a fit from 0 to 1; the score is the weighted mean of the
 * fits (MATCH_WEIGHTS: countries 0.5, ages 0.3, gender 0.2) over the parts the creator has data
 * for, times 100, rounded. Audience shares are shares of the whole audience (0–100): what a
 * breakdown does not list (the "DE 60, AT 10" creator's other 30 %) counts as outside the target.
 *
 * - **Countries**, no wanted shares: the share of the audience in the target countries
 *   (DE 60 + AT 10 for a DE/AT target → 0.7). With wanted shares, each country counts up to its
 *   wanted share, over the sum of wanted shares (want DE 50, AT 30; audience DE 60, AT 10 →
 *   (50 + 10) / 80 = 0.75). Countries with and without a wanted share mixed: the ones without
 *   share the rest up to 100 between them. Country codes compare case-insensitively.
 * - **Ages**: the share of the audience inside the age range, reading each bracket ("18-24",
 *   "65+", "<18") as spread evenly over its years (target 18–30: all of 18-24 and 6/10 of
 *   25-34). An open bracket "65+" is 10 years wide; a bracket that does not read as ages counts
 *   as outside.
 * - **Gender**: the audience's share of the target gender.
 *
 * Missing data is not a mismatch: a part the creator has no breakdown for is left out and the
 * other parts' weights grow to fill it (`missing` names it, so the UI can say "partly known").
 * With no data for any asked part, or no target at all, the score is null — shown as "no data",
 * never 0, which would read as "a bad match".
 */
export function audienceMatch(audience: AudienceDemographics | undefined, target: TargetAudience): AudienceMatch {
  if (isEmptyTarget(target)) return { score: null, parts: [], missing: [] };
  if (!audience) return computeMatch(undefined, target);
  // readBoard returns the same audience object while a creator is unchanged, and the board
  // state the same target while it is unchanged: a filter or column over 5,000 creators then
  // recomputes only the creators that changed (5,000 scores take ~15–40 ms).
  let byAudience = matchCache.get(target);
  if (!byAudience) matchCache.set(target, (byAudience = new WeakMap()));
  let match = byAudience.get(audience);
  if (!match) byAudience.set(audience, (match = computeMatch(audience, target)));
  return match;
}

const matchCache = new WeakMap<TargetAudience, WeakMap<AudienceDemographics, AudienceMatch>>();

function computeMatch(audience: AudienceDemographics | undefined, target: TargetAudience): AudienceMatch {
  const fits: [MatchDimension, number | null][] = [];
  if (target.countries.length > 0) fits.push(['countries', countriesFit(audience?.countries, target.countries)]);
  if (target.ages) fits.push(['ages', agesFit(audience?.ages, target.ages)]);
  if (target.gender) fits.push(['gender', genderFit(audience?.gender, target.gender)]);
  const known = fits.filter((fit): fit is [MatchDimension, number] => fit[1] !== null);
  const totalWeight = known.reduce((sum, [dimension]) => sum + MATCH_WEIGHTS[dimension], 0);
  const parts = fits.map(([dimension, fit]) => ({
    dimension,
    fit: fit === null ? null : Math.round(fit * 1000) / 10,
    weight: fit === null ? 0 : MATCH_WEIGHTS[dimension] / totalWeight,
  }));
  const missing = fits.filter(([, fit]) => fit === null).map(([dimension]) => dimension);
  if (known.length === 0) return { score: null, parts, missing };
  const weighted = known.reduce((sum, [dimension, fit]) => sum + MATCH_WEIGHTS[dimension] * fit, 0);
  return { score: Math.round((100 * weighted) / totalWeight), parts, missing };
}

/** The score alone (for filters, sorting and columns): 0–100, or null for "no data". */
export function audienceMatchScore(audience: AudienceDemographics | undefined, target: TargetAudience): number | null {
  return audienceMatch(audience, target).score;
}

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

/** Valid shares of a breakdown, keys as given; null when it has none. */
function shares(breakdown: Record<string, number | undefined> | undefined): [string, number][] | null {
  const valid = Object.entries(breakdown ?? {}).filter(
    (entry): entry is [string, number] => typeof entry[1] === 'number' && Number.isFinite(entry[1]) && entry[1] >= 0,
  );
  return valid.length > 0 ? valid : null;
}

function countriesFit(
  breakdown: Record<string, number> | undefined,
  wanted: TargetAudience['countries'],
): number | null {
  const audience = shares(breakdown);
  if (!audience) return null;
  const byCode = new Map<string, number>();
  for (const [key, share] of audience) {
    const code = key.trim().toUpperCase();
    byCode.set(code, (byCode.get(code) ?? 0) + share);
  }
  let met = 0;
  let wantedTotal = 0;
  let anyShare = 0;
  let hasAnyShare = false;
  for (const { code, share } of wanted) {
    const actual = byCode.get(code) ?? 0;
    if (share === null) {
      hasAnyShare = true;
      anyShare += actual;
    } else {
      met += Math.min(actual, share);
      wantedTotal += share;
    }
  }
  // Countries without a wanted share split what the wanted shares leave of 100.
  if (hasAnyShare) {
    const rest = Math.max(0, 100 - wantedTotal);
    met += Math.min(anyShare, rest);
    wantedTotal += rest;
  }
  return wantedTotal > 0 ? clamp01(met / wantedTotal) : 0;
}

/** An age bracket as inclusive years: "18-24" → [18, 24], "65+" → [65, 74], "<18" → [13, 17]; null when unreadable. */
export function ageBracketYears(bracket: string): readonly [number, number] | null {
  let years = bracketCache.get(bracket);
  if (years === undefined) {
    // Brackets repeat across creators ("18-24"); the cache is bounded against junk keys.
    if (bracketCache.size > 1000) bracketCache.clear();
    bracketCache.set(bracket, (years = parseBracket(bracket)));
  }
  return years;
}

const bracketCache = new Map<string, readonly [number, number] | null>();

function parseBracket(bracket: string): [number, number] | null {
  const text = bracket.trim().toLowerCase();
  const range = /^(\d{1,3})\s*(?:-|–|to)\s*(\d{1,3})$/.exec(text);
  if (range) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    return from <= to ? [from, to] : null;
  }
  const open = /^(\d{1,3})\s*\+$/.exec(text);
  if (open) return [Number(open[1]), Number(open[1]) + OPEN_BRACKET_YEARS - 1];
  const under = /^(?:<|under\s*)(\d{1,3})$/.exec(text);
  if (under && Number(under[1]) > 13) return [13, Number(under[1]) - 1];
  return null;
}

function agesFit(breakdown: Record<string, number> | undefined, range: { min: number; max: number }): number | null {
  const audience = shares(breakdown);
  if (!audience) return null;
  let inside = 0;
  for (const [bracket, share] of audience) {
    const years = ageBracketYears(bracket);
    if (!years) continue;
    const [from, to] = years;
    const overlap = Math.min(to, range.max) - Math.max(from, range.min) + 1;
    if (overlap > 0) inside += (share * overlap) / (to - from + 1);
  }
  return clamp01(inside / 100);
}

function genderFit(
  breakdown: AudienceDemographics['gender'],
  gender: keyof NonNullable<typeof breakdown>,
): number | null {
  const audience = shares(breakdown);
  if (!audience) return null;
  return clamp01((breakdown?.[gender] ?? 0) / 100);
}
