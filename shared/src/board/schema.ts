import { z } from 'zod';

/** Version of the board document layout; `migrateBoard` brings older documents up to it. */
export const SCHEMA_VERSION = 3;

export const STATUS_GROUPS = ['influencer', 'contract', 'payment'] as const;
export type StatusGroup = (typeof STATUS_GROUPS)[number];

export const GROUP_LABELS: Record<StatusGroup, string> = {
  influencer: 'Influencer',
  contract: 'Contract',
  payment: 'Payment',
};

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

/** A status as stored and as read: one column of a group. */
export interface Status {
  id: string;
  group: StatusGroup;
  name: string;
  color: string;
  /** Fractional index: statuses of a group sort by it. */
  rank: string;
  archived: boolean;
  /** For an archived status: where its creators went (and where late arrivals are shown). */
  movedTo?: string;
  /** True for the statuses every board starts with (`DEFAULT_STATUSES`); they can be renamed and archived too. */
  builtIn: boolean;
}

const DEFAULT_NAMES: Record<StatusGroup, [string, string][]> = {
  influencer: [
    ['Prospect', '#94a3b8'],
    ['Shortlisted', '#60a5fa'],
    ['Selected', '#818cf8'],
    ['Rejected', '#f87171'],
    ['Contacted', '#38bdf8'],
    ['Not replied', '#cbd5e1'],
    ['Needs follow-up', '#fbbf24'],
    ['Negotiating', '#f59e0b'],
    ['Brief sent', '#a78bfa'],
    ['Waiting for draft', '#c084fc'],
    ['Draft approved', '#34d399'],
    ['Content posted', '#10b981'],
  ],
  contract: [
    ['No contract', '#cbd5e1'],
    ['Contract sent', '#fbbf24'],
    ['Contract signed', '#10b981'],
  ],
  payment: [
    ['Not paid', '#cbd5e1'],
    ['Pre-payment made', '#60a5fa'],
    ['50% paid', '#818cf8'],
    ['Payment pending', '#fbbf24'],
    ['Paid fully', '#10b981'],
  ],
};

/** `"Needs follow-up"` in group influencer → `"influencer.needs-follow-up"`. */
export function builtInStatusId(group: StatusGroup, name: string): string {
  return `${group}.${name
    .toLowerCase()
    .replace(/%/g, 'pct')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;
}

/** The statuses every board starts with, in order, with stable ids (`builtInStatusId`). */
export const DEFAULT_STATUSES: readonly Status[] = STATUS_GROUPS.flatMap((group) =>
  DEFAULT_NAMES[group].map(([name, color], index) => ({
    id: builtInStatusId(group, name),
    group,
    name,
    color,
    // a0, a1, … a9, aA…: valid fractional-indexing keys in order.
    rank: `a${'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'[index]}`,
    archived: false,
    builtIn: true,
  })),
);

/** The status a new creator starts in, per group (Prospect, No contract, Not paid). */
export const INITIAL_STATUS: Record<StatusGroup, string> = {
  influencer: builtInStatusId('influencer', 'Prospect'),
  contract: builtInStatusId('contract', 'No contract'),
  payment: builtInStatusId('payment', 'Not paid'),
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

export type ActivityKind = 'added' | 'status' | 'removed' | 'restored' | 'field';

/** One line of the board's activity history. */
export interface ActivityEntry {
  id: string;
  at: number;
  actorId: string;
  actorName: string;
  creatorId: string;
  creatorName: string;
  kind: ActivityKind;
  group?: StatusGroup;
  /** For `field` entries: which field changed (`followers`, `fee`, `tags`, `audience.countries`…). */
  field?: string;
  /** A status id (`status` entries), or the field's value before, as text (`field` entries). */
  from?: string;
  to?: string;
}

export type { OperationContext } from '../operations/operation.ts';

export type OperationResult<T extends object = object> = ({ ok: true } & T) | { ok: false; reason: string };

// Input validation, shared by the web app, the HTTP API and the tests.

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

export const statusNameSchema = shortText(40).min(1, { message: 'is required' });
