import { z } from 'zod';
import type { StatusGroup } from '../statuses/status.ts';

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
  brandSafety: string[];
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
  removed: boolean;
  createdAt: number;
}

// Input schemas, shared by the web app, the HTTP API and the tests.

const optionalNumber = (min: number, max: number) => z.number().finite().min(min).max(max).optional();
const optionalCount = (max: number) => z.number().int({ message: 'must be a whole number' }).min(0).max(max).optional();
/** Only web addresses: a `javascript:` or `data:` URL in a profile link would run when clicked. */
const webUrl = (message = 'must be an http(s) address') => z.url({ protocol: /^https?$/, message }).max(500);
const shortText = (max: number) => z.string().trim().max(max);
const percentages = z.record(z.string().max(40), z.number().min(0).max(100));

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
          .optional(),
        education: percentages.optional(),
        income: percentages.optional(),
        interests: z.array(shortText(40)).max(30).optional(),
      })
      .optional(),
    followerHistory: z
      .array(
        z.object({
          date: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, { message: 'must be a date like 2026-06-01' }),
          followers: z.number().int().min(0).max(10_000_000_000),
        }),
      )
      .max(400),
    brandSafety: z.array(shortText(80).min(1)).max(20),
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
