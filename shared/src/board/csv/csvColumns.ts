import { PLATFORMS, PLATFORM_LABELS, type Platform } from '../creators/creator.ts';

/**
 * The fields a CSV column can be mapped to, in the order an export writes them. Besides the
 * creator's own fields there are a few that only help read a file: a `handle` column with a
 * `platform` column beside it, one column per platform (`instagram`, …), a `currency` column
 * for the fee. Export-only columns (`aqsBand`, `addedAt`) are derived or set by Roster; an
 * import leaves them unmapped.
 */
export const CSV_FIELDS = [
  'name',
  'handles',
  'handle',
  'platform',
  'instagram',
  'tiktok',
  'youtube',
  'x',
  'twitch',
  'profileUrl',
  'email',
  'country',
  'language',
  'categories',
  'tags',
  'followers',
  'engagementRate',
  'avgViews',
  'aqs',
  'aqsBand',
  'audience.countries',
  'audience.ages',
  'audience.gender',
  'audience.education',
  'audience.income',
  'audience.interests',
  'followerHistory',
  'brandSafety',
  'brandSafetyRisk',
  'fee',
  'currency',
  'assignee',
  'status.influencer',
  'status.contract',
  'status.payment',
  'addedAt',
] as const;
export type CsvField = (typeof CSV_FIELDS)[number];

/** Platform columns: a handle in the `instagram` column is an Instagram handle. */
export const PLATFORM_FIELDS = ['instagram', 'tiktok', 'youtube', 'x', 'twitch'] as const satisfies readonly (CsvField &
  Platform)[];

export interface CsvColumn {
  field: CsvField;
  /** The header an export writes, and the field's name in the mapping step. */
  label: string;
  /** What the cell holds, shown under the field in the mapping step. */
  hint?: string;
  /** Other headers people give the column (compared in lower case, letters and digits only). */
  aliases: readonly string[];
  /** Written by exports only: derived or set by Roster, so an import does not read it. */
  exportOnly?: boolean;
  /** Not written by exports (another column holds the same data). */
  importOnly?: boolean;
}

const platformColumn = (platform: (typeof PLATFORM_FIELDS)[number], ...aliases: string[]): CsvColumn => ({
  field: platform,
  label: `${PLATFORM_LABELS[platform]} handle`,
  hint: `${/^[AEIOU]/.test(PLATFORM_LABELS[platform]) ? 'an' : 'a'} ${PLATFORM_LABELS[platform]} handle or profile URL`,
  aliases: [
    PLATFORM_LABELS[platform],
    `${PLATFORM_LABELS[platform]} username`,
    `${PLATFORM_LABELS[platform]} url`,
    ...aliases,
  ],
  importOnly: true,
});

export const CSV_COLUMNS: readonly CsvColumn[] = [
  {
    field: 'name',
    label: 'Name',
    aliases: ['full name', 'creator', 'creator name', 'influencer', 'influencer name', 'display name', 'title'],
  },
  {
    field: 'handles',
    label: 'Profiles',
    hint: 'profile URLs or @handles, separated by spaces or new lines',
    aliases: ['profile', 'profiles', 'handles', 'accounts', 'social profiles', 'links', 'socials'],
  },
  {
    field: 'handle',
    label: 'Handle',
    hint: 'one handle or profile URL; the platform comes from the Platform column',
    aliases: ['username', 'user name', 'account', 'user', 'screen name', 'handle name', 'nickname'],
    importOnly: true,
  },
  {
    field: 'platform',
    label: 'Platform',
    hint: `${PLATFORMS.map((p) => PLATFORM_LABELS[p]).join(', ')}`,
    aliases: ['network', 'social network', 'channel type', 'site'],
    importOnly: true,
  },
  platformColumn('instagram', 'ig', 'insta'),
  platformColumn('tiktok', 'tt', 'tik tok'),
  platformColumn('youtube', 'yt', 'youtube channel'),
  platformColumn('x', 'twitter', 'twitter handle', 'x twitter'),
  platformColumn('twitch', 'twitch channel'),
  { field: 'profileUrl', label: 'Profile URL', aliases: ['url', 'link', 'website', 'profile link', 'channel url'] },
  { field: 'email', label: 'Email', aliases: ['e-mail', 'email address', 'mail', 'contact email'] },
  { field: 'country', label: 'Country', aliases: ['location', 'creator country', 'home country'] },
  { field: 'language', label: 'Language', aliases: ['lang', 'languages'] },
  {
    field: 'categories',
    label: 'Categories',
    hint: 'separated by commas',
    aliases: ['category', 'niche', 'niches', 'topics', 'topic', 'verticals'],
  },
  { field: 'tags', label: 'Tags', hint: 'separated by commas', aliases: ['tag', 'labels', 'label'] },
  {
    field: 'followers',
    label: 'Followers',
    hint: 'a number: 48200, 48,200 or 48.2k',
    aliases: ['follower count', 'followers count', 'subscribers', 'subscriber count', 'audience size', 'fans', 'reach'],
  },
  {
    field: 'engagementRate',
    label: 'Engagement rate (%)',
    hint: 'a percentage: 3.4 or 3.4%',
    aliases: ['engagement rate', 'engagement', 'er', 'er %', 'eng rate', 'engagement %'],
  },
  {
    field: 'avgViews',
    label: 'Average views',
    aliases: ['avg views', 'average views', 'views', 'avg. views', 'average video views', 'mean views'],
  },
  {
    field: 'aqs',
    label: 'AQS',
    hint: '0–100',
    aliases: ['audience quality score', 'audience quality', 'quality score'],
  },
  { field: 'aqsBand', label: 'AQS band', aliases: [], exportOnly: true },
  {
    field: 'audience.countries',
    label: 'Audience countries',
    hint: 'country and share: DE 60, AT 10',
    aliases: ['audience country', 'audience geo', 'top countries', 'audience location', 'countries'],
  },
  {
    field: 'audience.ages',
    label: 'Audience ages',
    hint: 'age bracket and share: 18-24 40, 25-34 35',
    aliases: ['audience age', 'age', 'ages', 'age brackets', 'age groups'],
  },
  {
    field: 'audience.gender',
    label: 'Audience gender',
    hint: 'female 60, male 38, other 2',
    aliases: ['gender', 'gender split', 'audience genders'],
  },
  {
    field: 'audience.education',
    label: 'Audience education',
    hint: 'level and share: university 40',
    aliases: ['education'],
  },
  { field: 'audience.income', label: 'Audience income', hint: 'bracket and share: high 20', aliases: ['income'] },
  {
    field: 'audience.interests',
    label: 'Audience interests',
    hint: 'separated by commas',
    aliases: ['interests', 'audience interest'],
  },
  {
    field: 'followerHistory',
    label: 'Follower history',
    hint: 'date and followers: 2026-05-01 41000, 2026-06-01 48200',
    aliases: ['growth', 'follower growth', 'history'],
  },
  {
    field: 'brandSafety',
    label: 'Brand-safety flags',
    hint: 'separated by commas',
    aliases: ['brand safety', 'brand safety flags', 'flags', 'risks', 'brand-safety'],
  },
  {
    field: 'brandSafetyRisk',
    label: 'Brand-safety risk',
    hint: 'none, low, medium or high',
    aliases: ['risk', 'risk level', 'brand safety risk', 'safety risk'],
  },
  {
    field: 'fee',
    label: 'Fee',
    hint: 'an amount, with or without currency: 1200, 1,200 EUR, €1200',
    aliases: ['price', 'quoted price', 'quote', 'rate', 'cost', 'fee amount', 'budget'],
  },
  { field: 'currency', label: 'Currency', hint: 'a 3-letter code: EUR, USD', aliases: ['fee currency', 'ccy'] },
  { field: 'assignee', label: 'Assignee', hint: 'a member’s name', aliases: ['owner', 'assigned to', 'manager'] },
  {
    field: 'status.influencer',
    label: 'Influencer status',
    hint: 'a status name of this board',
    aliases: ['status', 'stage', 'pipeline status', 'pipeline'],
  },
  { field: 'status.contract', label: 'Contract status', aliases: ['contract'] },
  { field: 'status.payment', label: 'Payment status', aliases: ['payment'] },
  { field: 'addedAt', label: 'Added', aliases: [], exportOnly: true },
];

const BY_FIELD = new Map(CSV_COLUMNS.map((column) => [column.field, column]));

/** The column description of a field. */
export function csvColumn(field: CsvField): CsvColumn {
  return BY_FIELD.get(field)!;
}

/** The fields an import can read, in the mapping step's order. */
export const IMPORT_FIELDS: readonly CsvField[] = CSV_COLUMNS.filter((c) => !c.exportOnly).map((c) => c.field);

/** The columns an export writes, in order. */
export const EXPORT_COLUMNS: readonly CsvColumn[] = CSV_COLUMNS.filter((c) => !c.importOnly);
