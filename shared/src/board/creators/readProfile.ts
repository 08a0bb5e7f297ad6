import { isRecord } from '../document/guards.ts';
import { PLATFORMS, type AudienceDemographics, type Handle, type Profile } from './creator.ts';

/** Repairs a stored profile: wrong types become empty, numbers out of range are dropped. */
export function readProfile(stored: Record<string, unknown>): Profile {
  return {
    name: text(stored.name, 120) || 'Unnamed creator',
    handles: Array.isArray(stored.handles) ? stored.handles.flatMap(readHandle).slice(0, 10) : [],
    profileUrl: optionalText(stored.profileUrl, 500),
    email: optionalText(stored.email, 254),
    country: optionalText(stored.country, 60),
    language: optionalText(stored.language, 60),
    categories: stringList(stored.categories, 40, 20),
    followers: number(stored.followers, 0, 1e10),
    engagementRate: number(stored.engagementRate, 0, 100),
    avgViews: number(stored.avgViews, 0, 1e10),
    aqs: number(stored.aqs, 0, 100),
    audience: readAudience(stored.audience),
    followerHistory: Array.isArray(stored.followerHistory)
      ? stored.followerHistory.flatMap((point) =>
          isRecord(point) && typeof point.date === 'string' && number(point.followers, 0, 1e10) !== undefined
            ? [{ date: point.date, followers: point.followers as number }]
            : [],
        )
      : [],
    brandSafety: stringList(stored.brandSafety, 80, 20),
  };
}

function readHandle(value: unknown): Handle[] {
  if (!isRecord(value) || typeof value.handle !== 'string' || !value.handle) return [];
  const platform = PLATFORMS.includes(value.platform as Handle['platform'])
    ? (value.platform as Handle['platform'])
    : 'other';
  return [{ platform, handle: value.handle.slice(0, 100), url: optionalText(value.url, 500) }];
}

function readAudience(value: unknown): AudienceDemographics | undefined {
  if (!isRecord(value)) return undefined;
  const audience: AudienceDemographics = {};
  for (const key of ['countries', 'ages', 'education', 'income'] as const) {
    const shares = percentages(value[key]);
    if (shares) audience[key] = shares;
  }
  if (isRecord(value.gender)) {
    const { female, male, other } = value.gender;
    audience.gender = { female: number(female, 0, 100), male: number(male, 0, 100), other: number(other, 0, 100) };
  }
  const interests = stringList(value.interests, 40, 30);
  if (interests.length) audience.interests = interests;
  return audience;
}

function percentages(value: unknown): Record<string, number> | undefined {
  if (!isRecord(value)) return undefined;
  const shares: Record<string, number> = {};
  for (const [key, share] of Object.entries(value).slice(0, 250)) {
    const checked = number(share, 0, 100);
    if (checked !== undefined) shares[key.slice(0, 40)] = checked;
  }
  return shares;
}

export function text(value: unknown, max: number): string {
  return typeof value === 'string' ? value.slice(0, max) : '';
}

export function optionalText(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value ? value.slice(0, max) : undefined;
}

export function number(value: unknown, min: number, max: number): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? value : undefined;
}

export function stringList(value: unknown, maxLength: number, maxItems: number): string[] {
  if (!Array.isArray(value)) return [];
  const list: string[] = [];
  for (const item of value) {
    if (typeof item === 'string' && item.length > 0) list.push(item.slice(0, maxLength));
    if (list.length === maxItems) break;
  }
  return list;
}
