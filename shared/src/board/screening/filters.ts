import { z } from 'zod';
import { BRAND_SAFETY_RISKS, PLATFORMS, type Creator } from '../creators/creator.ts';
import { STATUS_GROUPS, type StatusGroup } from '../statuses/status.ts';
import { DEFAULT_AQS_BANDS, type AqsBand } from './aqs.ts';
import { audienceMatchScore } from './audienceMatch.ts';
import { isEmptyTarget, type TargetAudience } from './targetAudience.ts';

/** The value of the assignee filter that means "nobody is assigned". */
export const UNASSIGNED = 'none';

/** Largest number a range filter accepts (followers go up to 1e10). */
const RANGE_MAX = 10_000_000_000;

const bound = z.number().finite().min(0).max(RANGE_MAX).optional();

/** A numeric range; either end may be open. A creator without the value is outside every range that has an end. */
export const rangeSchema = z
  .object({ min: bound, max: bound })
  .refine((range) => range.min === undefined || range.max === undefined || range.min <= range.max, {
    message: 'must start at or below its end',
  });
export type NumberRange = z.infer<typeof rangeSchema>;

/** A multi-select: any of these values matches (OR). Empty: any value. */
const choices = (item: z.ZodString, max = 100) => z.array(item).max(max).default([]);
const shortText = (max: number) => z.string().trim().min(1).max(max);

/**
 * Which creators a board shows. Kinds combine with AND, the values of one multi-select with OR;
 * an empty kind lets everyone through. Stored in saved views, so every list and text is bounded
 * (a view is at most a few KB whatever a client sends) and every kind has a default: a view saved
 * without a kind, or by an older client, reads as "any".
 */
export const creatorFilterSchema = z.object({
  /** Free text: matches name, handles, email, country, categories and tags. */
  text: z.string().max(200).default(''),
  /** AQS band labels (the board's bands, `readAqsBands`). A creator without an AQS is in no band. */
  aqsBands: choices(shortText(30), 10),
  followers: rangeSchema.default({}),
  /** Engagement rate in percent. */
  engagementRate: rangeSchema.default({}),
  platforms: z.array(z.enum(PLATFORMS)).max(PLATFORMS.length).default([]),
  /** Countries as typed on creators, compared without case. */
  countries: choices(shortText(60)),
  /** Status ids per group; each group is its own kind (Shortlisted AND Contract sent). */
  statuses: z
    .object({ influencer: choices(shortText(64)), contract: choices(shortText(64)), payment: choices(shortText(64)) })
    .default({ influencer: [], contract: [], payment: [] }),
  tags: choices(shortText(40)),
  /** Member ids; `UNASSIGNED` ("none") for creators nobody is assigned to. */
  assignees: choices(shortText(64), 200),
  /** Brand-safety risk levels; a creator not assessed is in none of them. */
  risks: z.array(z.enum(BRAND_SAFETY_RISKS)).max(BRAND_SAFETY_RISKS.length).default([]),
  /**
   * Audience match score, 0–100, against the board's target audience. Without a target, or for
   * a creator without audience data, there is no score: outside every range with an end.
   */
  match: rangeSchema.default({}),
});

export type CreatorFilter = z.output<typeof creatorFilterSchema>;
export type CreatorFilterInput = z.input<typeof creatorFilterSchema>;

/** The filter that lets every creator through. */
export function noFilter(): CreatorFilter {
  return creatorFilterSchema.parse({});
}

/** What a filter needs of the board besides the creators. */
export interface FilterContext {
  /** The board's AQS bands (`readAqsBands`). */
  bands: readonly AqsBand[];
  /** The board's target audience (`readTargetAudience`), for the match score filter. */
  target?: TargetAudience;
}

const DEFAULT_CONTEXT: FilterContext = { bands: DEFAULT_AQS_BANDS };

/** Whether a number is inside a range (open ends allowed). */
export function inRange(value: number | undefined, range: NumberRange): boolean {
  if (range.min === undefined && range.max === undefined) return true;
  if (value === undefined) return false;
  return (range.min === undefined || value >= range.min) && (range.max === undefined || value <= range.max);
}

const fold = (text: string) => text.trim().toLowerCase();

/**
 * A filter as one predicate, built once: the sets and folded texts are prepared here, so testing
 * 5,000 creators is one pass with no allocation per creator (except for the text search).
 */
export function creatorPredicate(filter: CreatorFilter, ctx: FilterContext = DEFAULT_CONTEXT): (c: Creator) => boolean {
  const bands = new Set(filter.aqsBands);
  // Highest band first: a score's band is the first whose start it reaches (aqsBand sorts on every call).
  const byStart = [...ctx.bands].sort((a, b) => b.min - a.min);
  const bandOf = (aqs: number | undefined) =>
    aqs === undefined || !Number.isFinite(aqs) ? '' : (byStart.find((band) => aqs >= band.min)?.label ?? '');
  const platforms = new Set<string>(filter.platforms);
  const countries = new Set(filter.countries.map(fold));
  const statuses = STATUS_GROUPS.map((group) => [group, new Set(filter.statuses[group])] as const).filter(
    ([, ids]) => ids.size > 0,
  );
  const tags = new Set(filter.tags);
  const assignees = new Set(filter.assignees);
  const risks = new Set<string>(filter.risks);
  const target = ctx.target && !isEmptyTarget(ctx.target) ? ctx.target : null;
  const byMatch = filter.match.min !== undefined || filter.match.max !== undefined;
  const text = fold(filter.text);
  return (c) => {
    if (bands.size && !bands.has(bandOf(c.aqs))) return false;
    if (!inRange(c.followers, filter.followers)) return false;
    if (!inRange(c.engagementRate, filter.engagementRate)) return false;
    if (platforms.size && !c.handles.some((h) => platforms.has(h.platform))) return false;
    if (countries.size && !countries.has(fold(c.country ?? ''))) return false;
    for (const [group, ids] of statuses) if (!ids.has(c.statuses[group])) return false;
    if (tags.size && !c.tags.some((tag) => tags.has(tag))) return false;
    if (assignees.size && !assignees.has(c.assignee ?? UNASSIGNED)) return false;
    if (risks.size && !risks.has(c.brandSafetyRisk ?? '')) return false;
    if (byMatch && !inRange((target && audienceMatchScore(c.audience, target)) ?? undefined, filter.match))
      return false;
    if (!text) return true;
    const haystack = [c.name, c.email, c.country, ...c.handles.map((h) => h.handle), ...c.categories, ...c.tags]
      .filter(Boolean)
      .join(' ')
      .toLowerCase();
    return haystack.includes(text);
  };
}

/** The creators a filter lets through, in their order. */
export function filterCreators(creators: readonly Creator[], filter: CreatorFilter, ctx?: FilterContext): Creator[] {
  const matches = creatorPredicate(filter, ctx);
  return creators.filter(matches);
}

/** The kinds of filter people can set, each shown as one chip when active. */
export type FilterKind =
  | 'aqsBands'
  | 'followers'
  | 'engagementRate'
  | 'platforms'
  | 'countries'
  | `statuses.${StatusGroup}`
  | 'tags'
  | 'assignees'
  | 'risks'
  | 'match';

/** The kinds a filter has set (the search text is not one: it has its own field). */
export function activeFilterKinds(filter: CreatorFilter): FilterKind[] {
  const kinds: FilterKind[] = [];
  if (filter.aqsBands.length) kinds.push('aqsBands');
  if (filter.followers.min !== undefined || filter.followers.max !== undefined) kinds.push('followers');
  if (filter.engagementRate.min !== undefined || filter.engagementRate.max !== undefined) kinds.push('engagementRate');
  if (filter.platforms.length) kinds.push('platforms');
  if (filter.countries.length) kinds.push('countries');
  for (const group of STATUS_GROUPS) if (filter.statuses[group].length) kinds.push(`statuses.${group}`);
  if (filter.tags.length) kinds.push('tags');
  if (filter.assignees.length) kinds.push('assignees');
  if (filter.risks.length) kinds.push('risks');
  if (filter.match.min !== undefined || filter.match.max !== undefined) kinds.push('match');
  return kinds;
}

/** The filter without one kind (a chip's ✕). */
export function clearFilterKind(filter: CreatorFilter, kind: FilterKind): CreatorFilter {
  if (kind.startsWith('statuses.')) {
    const group = kind.slice('statuses.'.length) as StatusGroup;
    return { ...filter, statuses: { ...filter.statuses, [group]: [] } };
  }
  const empty = noFilter();
  return { ...filter, [kind]: empty[kind as Exclude<FilterKind, `statuses.${StatusGroup}`>] };
}

/** The distinct countries of a board's creators, A→Z, each as first written. */
export function creatorCountries(creators: readonly Creator[]): string[] {
  const seen = new Map<string, string>();
  for (const c of creators) if (c.country && !seen.has(fold(c.country))) seen.set(fold(c.country), c.country.trim());
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}

/** The distinct tags of a board's creators, A→Z. */
export function creatorTags(creators: readonly Creator[]): string[] {
  return [...new Set(creators.flatMap((c) => c.tags))].sort((a, b) => a.localeCompare(b));
}
