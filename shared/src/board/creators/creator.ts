import { z } from 'zod';
import type { Deal } from '../deals/deal.ts';
import type { CreatorContent } from '../content/content.ts';
import type { StatusGroup } from '../statuses/status.ts';
import type { CreatorPayments } from '../payments/readPayments.ts';
import type { ConversationEntry } from '../outreach/conversation.ts';

export const PLATFORMS = ['instagram', 'tiktok', 'youtube', 'x', 'twitch', 'other'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const PLATFORM_LABELS: Record<Platform, string> = {
  instagram: 'Instagram',
  tiktok: 'TikTok',
  youtube: 'YouTube',
  x: 'X',
  twitch: 'Twitch',
  other: 'Other',
};

export interface Handle {
  platform: Platform;
  handle: string;
  url?: string;
}

/** How risky a creator is for a brand, besides the free brand-safety tags; unset means not assessed. */
export const BRAND_SAFETY_RISKS = ['none', 'low', 'medium', 'high'] as const;
export type BrandSafetyRisk = (typeof BRAND_SAFETY_RISKS)[number];

export const BRAND_SAFETY_RISK_LABELS: Record<BrandSafetyRisk, string> = {
  none: 'No risk',
  low: 'Low risk',
  medium: 'Medium risk',
  high: 'High risk',
};

export interface AudienceDemographics {
  /** Share of the audience per ISO country code, 0–100. */
  countries?: Record<string, number>;
  /** Share per age bracket ("13-17", "18-24", …), 0–100. */
  ages?: Record<string, number>;
  /** Share per gender, 0–100. */
  gender?: { female?: number; male?: number; other?: number };
  education?: Record<string, number>;
  income?: Record<string, number>;
  interests?: string[];
}

/** Profile fields of a creator: rarely edited by two people at once, so stored as one value. */
export interface Profile {
  name: string;
  handles: Handle[];
  profileUrl?: string;
  email?: string;
  country?: string;
  language?: string;
  categories: string[];
  followers?: number;
  engagementRate?: number;
  avgViews?: number;
  /** Audience quality score, 0–100. */
  aqs?: number;
  audience?: AudienceDemographics;
  followerHistory: { date: string; followers: number }[];
  /** Free brand-safety tags ("gambling ads"). */
  brandSafety: string[];
  /** The assessed brand-safety risk; undefined when nobody assessed it. */
  brandSafetyRisk?: BrandSafetyRisk;
}

export interface Fee {
  amount: number;
  currency: string;
}

/** A creator on a board, as `readBoard` returns it. */
export interface Creator extends Profile {
  id: string;
  statuses: Record<StatusGroup, string>;
  /** Fractional index within its column. */
  rank: string;
  assignee: string | null;
  tags: string[];
  fee: Fee | null;
  /** Deliverables, usage rights, exclusivity and the contract (deals/readDeal.ts). */
  deal: Deal;
  /** Drafts per deliverable and their comments (content/readContent.ts). */
  content: CreatorContent;
  removed: boolean;
  createdAt: number;
  /** Payment terms, ledger, override and paid vs owed (shared/src/board/payments/). */
  payments: CreatorPayments;
  /** The conversation log, newest first (outreach/conversation.ts); absent when empty. */
  conversation?: ConversationEntry[];
}

// Input schemas, shared by the web app, the HTTP API and the tests.

const optionalNumber = (min: number, max: number) => z.number().finite().min(min).max(max).optional();
const optionalCount = (max: number) => z.number().int({ message: 'must be a whole number' }).min(0).max(max).optional();
/** Only web addresses: a `javascript:` or `data:` URL in a profile link would run when clicked. */
const webUrl = (message = 'must be an http(s) address') => z.url({ protocol: /^https?$/, message }).max(500);
const shortText = (max: number) => z.string().trim().max(max);

/** The most keys one breakdown may have (countries are the most: about 250 exist). */
export const MAX_SHARES = 250;

/** Shares of one audience breakdown add up to at most this (a little over 100 is rounding, not data). */
const SHARE_SUM_LIMIT = 100;

/** The sum of a breakdown's shares, rounded to hundredths so 33.3 + 33.3 + 33.4 is 100, not 100.00000000000001. */
export function shareSum(shares: Readonly<Record<string, number | undefined>>): number {
  let sum = 0;
  for (const share of Object.values(shares)) if (typeof share === 'number' && Number.isFinite(share)) sum += share;
  return Math.round(sum * 100) / 100;
}

/** Refuses a breakdown whose shares add up to more than 100, saying what they add up to. */
function checkShareSum(shares: Readonly<Record<string, number | undefined>>, ctx: z.RefinementCtx): void {
  const sum = shareSum(shares);
  if (sum > SHARE_SUM_LIMIT)
    ctx.addIssue({ code: 'custom', message: `must add up to at most 100% (these add up to ${sum}%)` });
}

/** One breakdown (countries, ages, …): key → share 0–100, at most MAX_SHARES keys, adding up to at most 100. */
const percentages = z
  .record(z.string().trim().min(1).max(40), z.number().finite().min(0).max(100))
  .refine((shares) => Object.keys(shares).length <= MAX_SHARES, { message: `can have at most ${MAX_SHARES} entries` })
  .superRefine(checkShareSum);

/** A calendar date `YYYY-MM-DD` (or a month, `YYYY-MM`) that exists: no 2026-02-30. */
export function isHistoryDate(date: string): boolean {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(date);
  if (!match) return false;
  const [year, month, day = '01'] = [Number(match[1]), Number(match[2]), match[3]];
  const parsed = new Date(Date.UTC(year, month - 1, Number(day)));
  return (
    year >= 1970 &&
    parsed.getUTCFullYear() === year &&
    parsed.getUTCMonth() === month - 1 &&
    parsed.getUTCDate() === Number(day)
  );
}

export const handleSchema = z.object({
  platform: z.enum(PLATFORMS),
  handle: shortText(100).min(1),
  url: webUrl().optional(),
});

export const profilePatchSchema = z
  .object({
    name: shortText(120).min(1, { message: 'is required' }),
    handles: z.array(handleSchema).max(10),
    profileUrl: webUrl().optional(),
    email: z.email({ message: 'is not an email address' }).max(254).optional(),
    country: shortText(60).optional(),
    language: shortText(60).optional(),
    categories: z.array(shortText(40).min(1)).max(20),
    followers: optionalCount(10_000_000_000),
    engagementRate: optionalNumber(0, 100),
    avgViews: optionalCount(10_000_000_000),
    aqs: optionalCount(100),
    audience: z
      .object({
        countries: percentages.optional(),
        ages: percentages.optional(),
        gender: z
          .object({ female: optionalNumber(0, 100), male: optionalNumber(0, 100), other: optionalNumber(0, 100) })
          .superRefine(checkShareSum)
          .optional(),
        education: percentages.optional(),
        income: percentages.optional(),
        interests: z.array(shortText(40)).max(30).optional(),
      })
      .optional(),
    followerHistory: z
      .array(
        z.object({
          date: z.string().max(10).refine(isHistoryDate, { message: 'must be a date like 2026-06-01' }),
          followers: z.number().int().min(0).max(10_000_000_000),
        }),
      )
      .max(400)
      .superRefine((points, ctx) => {
        const seen = new Set<string>();
        for (const [index, point] of points.entries()) {
          if (seen.has(point.date)) ctx.addIssue({ code: 'custom', message: `has ${point.date} twice`, path: [index] });
          seen.add(point.date);
        }
      }),
    brandSafety: z.array(shortText(80).min(1)).max(20),
    brandSafetyRisk: z.enum(BRAND_SAFETY_RISKS, { message: 'must be none, low, medium or high' }).optional(),
  })
  .partial();

export type ProfilePatch = z.infer<typeof profilePatchSchema>;

export const newCreatorSchema = profilePatchSchema.extend({ name: shortText(120).min(1, { message: 'is required' }) });
export type NewCreator = z.infer<typeof newCreatorSchema>;

export const feeSchema = z.object({
  amount: z.number().finite().min(0).max(1_000_000_000),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, { message: 'must be a 3-letter currency code' })
    .default('EUR'),
});
