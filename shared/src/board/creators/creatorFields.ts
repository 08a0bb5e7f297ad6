import { isRecord } from '../document/guards.ts';
import type { KeyValueEntry } from '../document/keyValueArray.ts';
import { number, optionalText, stringList, text } from './readProfile.ts';
import { DEAL_KEYED, DEAL_LABELS, DEAL_SCALARS } from '../deals/dealFields.ts';
import { CONTENT_KEYED, CONTENT_LABELS } from '../content/contentFields.ts';
import {
  BRAND_SAFETY_RISKS,
  PLATFORMS,
  type AudienceDemographics,
  type BrandSafetyRisk,
  type Handle,
  type Platform,
  type Profile,
} from './creator.ts';

/**
 * How a creator is stored (schema version 3): every field is its own entry of the board's `cells`
 * key-value array, and every member of a list or set is its own entry too. Two people editing
 * different fields, or adding different members to one list, write different keys and both
 * edits survive; two writes of one key converge to one value everywhere (the rightmost entry).
 *
 *   `<creatorId>:<field>`            a single value (name, followers, fee, a status, …)
 *   `<creatorId>:<field>:<member>`   one member of a collection (a tag, a handle, a country share)
 *
 * A whole profile as one JSON value (schema 2) lost one of two concurrent edits of one creator:
 * the last writer won for every field.
 */

/** Single-valued profile fields, each one cell. */
export const PROFILE_SCALARS = [
  'name',
  'profileUrl',
  'email',
  'country',
  'language',
  'followers',
  'engagementRate',
  'avgViews',
  'aqs',
  'brandSafetyRisk',
] as const;
export type ProfileScalar = (typeof PROFILE_SCALARS)[number];

/** Board-side single-valued fields of a creator (statuses, position, deal, lifecycle). */
export const BOARD_SCALARS = [
  'influencer',
  'contract',
  'payment',
  'rank',
  'assignee',
  'fee',
  'removed',
  'createdAt',
  ...DEAL_SCALARS,
  // payments (shared/src/board/payments/)
  'paymentTerms',
  'paymentOverride',
] as const;
export type BoardScalar = (typeof BOARD_SCALARS)[number];

/**
 * Sets: member = the text itself, value = its position (a number; members show in that order,
 * ties by text). Adding a member that is there already writes nothing.
 */
export const SET_FIELDS = ['tags', 'categories', 'brandSafety', 'audience.interests'] as const;
export type SetField = (typeof SET_FIELDS)[number];

/**
 * Keyed lists: member = a key, value = that entry's data.
 * - `handles`: member `<platform>:<lower-case handle>`, value `{ platform, handle, url?, order }`
 * - `followerHistory`: member `YYYY-MM-DD`, value followers
 * - `audience.countries|ages|education|income`: member = country code / bracket / level, value = share 0–100
 * - `audience.gender`: member `female` | `male` | `other`, value = share 0–100
 * - `posts`: member = post id, value = posted content and its figures (board/results/posts.ts)
 * - `conversation`: member = entry id, value = a conversation log entry (outreach/conversation.ts)
 */
export const KEYED_FIELDS = [
  'handles',
  'followerHistory',
  'audience.countries',
  'audience.ages',
  'audience.gender',
  'audience.education',
  'audience.income',
  ...DEAL_KEYED,
  ...CONTENT_KEYED,
  // payments: member = payment id; posts (the results' posted content) are read for payment terms
  'payments',
  'posts',
  'conversation',
] as const;
export type KeyedField = (typeof KEYED_FIELDS)[number];

export type CollectionField = SetField | KeyedField;
export type CreatorField = ProfileScalar | BoardScalar | CollectionField;

const SCALARS = new Set<string>([...PROFILE_SCALARS, ...BOARD_SCALARS]);
const COLLECTIONS = new Set<string>([...SET_FIELDS, ...KEYED_FIELDS]);

/** The longest member text (a tag, a handle key, a country code…). */
export const MAX_MEMBER_LENGTH = 120;

/** The cell key of a single-valued field. */
export function fieldKey(creatorId: string, field: ProfileScalar | BoardScalar): string {
  return `${creatorId}:${field}`;
}

/** The cell key of one member of a collection. */
export function memberKey(creatorId: string, field: CollectionField, member: string): string {
  return `${creatorId}:${field}:${member}`;
}

/** A parsed cell key; null for keys that are not a creator field (junk, or a field from a newer version). */
export interface ParsedCellKey {
  creatorId: string;
  field: CreatorField;
  /** Set for collection members; absent for single values (and for schema-2 whole-list cells like `tags`). */
  member?: string;
}

export function parseCellKey(key: string): ParsedCellKey | null {
  const first = key.indexOf(':');
  if (first < 1) return null;
  const creatorId = key.slice(0, first);
  const second = key.indexOf(':', first + 1);
  const field = second < 0 ? key.slice(first + 1) : key.slice(first + 1, second);
  if (second < 0)
    return SCALARS.has(field) || COLLECTIONS.has(field) ? { creatorId, field: field as CreatorField } : null;
  if (!COLLECTIONS.has(field)) return null;
  return { creatorId, field: field as CollectionField, member: key.slice(second + 1) };
}

/** One creator's stored cells: single values by field, collection members by field then member. */
export interface CreatorCells {
  values: Partial<Record<CreatorField, unknown>>;
  members: Partial<Record<CollectionField, Map<string, unknown>>>;
  /** The stored items read, in order: unchanged items mean an unchanged creator (readBoard's cache). */
  entries: unknown[];
}

export function emptyCells(): CreatorCells {
  return { values: {}, members: {}, entries: [] };
}

/** Adds one cell entry to the creator it belongs to. */
export function addCell(cells: CreatorCells, parsed: ParsedCellKey, entry: KeyValueEntry): void {
  cells.entries.push(entry.raw);
  if (parsed.member === undefined) {
    cells.values[parsed.field] = entry.val;
    return;
  }
  const field = parsed.field as CollectionField;
  let members = cells.members[field];
  if (!members) cells.members[field] = members = new Map();
  members.set(parsed.member, entry.val);
}

/**
 * A creator's profile from its cells. `legacy` is a schema-1/2 profile value not yet migrated:
 * cells override it field by field, so a board reads the same before and after migration.
 */
export function profileFromCells(cells: CreatorCells, legacy: Profile | null): Profile {
  const v = cells.values;
  const pick = <T>(read: T | undefined, old: T | undefined) => (read !== undefined ? read : old);
  return {
    name: text(v.name, 120) || legacy?.name || 'Unnamed creator',
    handles: readHandles(cells.members.handles) ?? legacy?.handles ?? [],
    profileUrl: pick(optionalText(v.profileUrl, 500), legacy?.profileUrl),
    email: pick(optionalText(v.email, 254), legacy?.email),
    country: pick(optionalText(v.country, 60), legacy?.country),
    language: pick(optionalText(v.language, 60), legacy?.language),
    categories: readSet(cells, 'categories', 40) ?? legacy?.categories ?? [],
    followers: pick(number(v.followers, 0, 1e10), legacy?.followers),
    engagementRate: pick(number(v.engagementRate, 0, 100), legacy?.engagementRate),
    avgViews: pick(number(v.avgViews, 0, 1e10), legacy?.avgViews),
    aqs: pick(number(v.aqs, 0, 100), legacy?.aqs),
    audience: readAudience(cells, legacy?.audience),
    followerHistory: readHistory(cells.members.followerHistory) ?? legacy?.followerHistory ?? [],
    brandSafety: readSet(cells, 'brandSafety', 80) ?? legacy?.brandSafety ?? [],
    brandSafetyRisk: pick(readRisk(v.brandSafetyRisk), legacy?.brandSafetyRisk),
  };
}

function readRisk(value: unknown): BrandSafetyRisk | undefined {
  return BRAND_SAFETY_RISKS.includes(value as BrandSafetyRisk) ? (value as BrandSafetyRisk) : undefined;
}

/** A set's members in order; a schema-2 whole-list value when no member is stored; undefined when neither. */
export function readSet(cells: CreatorCells, field: SetField, maxLength: number): string[] | undefined {
  const members = cells.members[field];
  if (!members || members.size === 0) {
    const whole = cells.values[field];
    return whole === undefined ? undefined : stringList(whole, maxLength, 30);
  }
  return [...members]
    .filter(([member]) => member.length > 0)
    .sort(([a, orderA], [b, orderB]) => orderOf(orderA) - orderOf(orderB) || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, 30)
    .map(([member]) => member.slice(0, maxLength));
}

function orderOf(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function readHandles(members: Map<string, unknown> | undefined): Handle[] | undefined {
  if (!members || members.size === 0) return undefined;
  const handles: (Handle & { order: number; member: string })[] = [];
  for (const [member, value] of members) {
    if (!isRecord(value) || typeof value.handle !== 'string' || !value.handle) continue;
    const platform = PLATFORMS.includes(value.platform as Platform) ? (value.platform as Platform) : 'other';
    const url = optionalText(value.url, 500);
    handles.push({
      platform,
      handle: value.handle.slice(0, 100),
      ...(url ? { url } : {}),
      order: orderOf(value.order),
      member,
    });
  }
  handles.sort((a, b) => a.order - b.order || (a.member < b.member ? -1 : a.member > b.member ? 1 : 0));
  return handles.slice(0, 10).map(({ platform, handle, url }) => ({ platform, handle, ...(url ? { url } : {}) }));
}

function readHistory(members: Map<string, unknown> | undefined): Profile['followerHistory'] | undefined {
  if (!members || members.size === 0) return undefined;
  const points: Profile['followerHistory'] = [];
  for (const [date, value] of members) {
    const followers = number(value, 0, 1e10);
    if (followers !== undefined && date) points.push({ date: date.slice(0, 30), followers });
  }
  return points.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)).slice(0, 400);
}

function readShares(members: Map<string, unknown> | undefined): Record<string, number> | undefined {
  if (!members || members.size === 0) return undefined;
  // Largest share first ("DE 60, AT 10"), ties by key, so every client shows one order.
  const valid: [string, number][] = [];
  for (const [key, value] of members) {
    const share = number(value, 0, 100);
    if (share !== undefined && key) valid.push([key.slice(0, 40), share]);
  }
  valid.sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(valid.slice(0, 250));
}

function readAudience(cells: CreatorCells, legacy: AudienceDemographics | undefined): AudienceDemographics | undefined {
  const m = cells.members;
  const stored = {
    countries: readShares(m['audience.countries']),
    ages: readShares(m['audience.ages']),
    education: readShares(m['audience.education']),
    income: readShares(m['audience.income']),
  };
  const gender = readShares(m['audience.gender']);
  const interests = readSet(cells, 'audience.interests', 40);
  const anyStored = Object.values(stored).some(Boolean) || gender || interests?.length;
  if (!anyStored) return legacy;
  const audience: AudienceDemographics = {};
  for (const key of ['countries', 'ages', 'education', 'income'] as const) {
    const shares = stored[key] ?? legacy?.[key];
    if (shares) audience[key] = shares;
  }
  const genderShares = gender ? { female: gender.female, male: gender.male, other: gender.other } : legacy?.gender;
  if (genderShares) audience.gender = genderShares;
  const allInterests = interests?.length ? interests : legacy?.interests;
  if (allInterests?.length) audience.interests = allInterests;
  return audience;
}

/** Field names as people read them (history, errors). */
export const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  profileUrl: 'Profile URL',
  email: 'Email',
  country: 'Country',
  language: 'Language',
  followers: 'Followers',
  engagementRate: 'Engagement rate',
  avgViews: 'Average views',
  aqs: 'AQS',
  fee: 'Fee',
  payments: 'Payments',
  paymentTerms: 'Payment terms',
  paymentOverride: 'Payment status set by hand',
  assignee: 'Assignee',
  tags: 'Tags',
  categories: 'Categories',
  brandSafety: 'Brand-safety flags',
  brandSafetyRisk: 'Brand-safety risk',
  handles: 'Profiles',
  followerHistory: 'Follower history',
  'audience.countries': 'Audience countries',
  'audience.ages': 'Audience ages',
  'audience.gender': 'Audience gender',
  'audience.education': 'Audience education',
  'audience.income': 'Audience income',
  'audience.interests': 'Audience interests',
  ...DEAL_LABELS,
  posts: 'Posted content',
  ...CONTENT_LABELS,
  conversation: 'Conversation log',
};
