import {
  BRAND_SAFETY_RISKS,
  BRAND_SAFETY_RISK_LABELS,
  PLATFORMS,
  PLATFORM_LABELS,
  type BrandSafetyRisk,
  type Handle,
  type Platform,
} from '../creators/creator.ts';
import { FIELD_LABELS } from '../creators/creatorFields.ts';
import { parseHandle } from '../creators/handles.ts';
import { parseNumberInput, type NumberRule } from '../screening/numberInput.ts';
import type { Status, StatusGroup } from '../statuses/status.ts';
import { parseInput } from '../../problem.ts';
import { csvColumn, PLATFORM_FIELDS, type CsvField } from './csvColumns.ts';
import { CSV_LIMITS } from './csvLimits.ts';
import { parsePair, short, splitList, splitPairs } from './csvValues.ts';
import { unescapeFormula } from './formulas.ts';
import type { CsvMapping } from './guessMapping.ts';
import { importRowSchema, type ImportRow } from './importCreators.ts';

/** What a row is read against: the board's statuses and members, and the import's defaults. */
export interface RowContext {
  /** The board's statuses per group (a status cell names one of them). */
  statuses: Readonly<Record<StatusGroup, readonly Pick<Status, 'id' | 'name' | 'archived'>[]>>;
  /** The workspace's members (an assignee cell names one of them). */
  members: readonly { id: string; name: string }[];
  /** The platform of a bare handle (`mia.hart`) when no Platform column says. */
  defaultPlatform: Platform;
  /** The fee's currency when neither the fee cell nor a Currency column has one. */
  defaultCurrency: string;
}

/** A row read: the creator it gives, or every reason it cannot be imported, as sentences. */
export type MappedRow = { ok: true; row: ImportRow } | { ok: false; reasons: string[] };

const COUNT: NumberRule = { integer: true, min: 0, max: 10_000_000_000 };
const SHARE: NumberRule = { min: 0, max: 100 };
const GENDERS: Record<string, 'female' | 'male' | 'other'> = {
  female: 'female',
  f: 'female',
  women: 'female',
  woman: 'female',
  w: 'female',
  male: 'male',
  m: 'male',
  men: 'male',
  man: 'male',
  other: 'other',
  o: 'other',
  diverse: 'other',
  'non-binary': 'other',
  nonbinary: 'other',
  unknown: 'other',
};
const PLATFORM_NAMES: Record<string, Platform> = {
  ...Object.fromEntries(PLATFORMS.map((p) => [p, p])),
  ...Object.fromEntries(PLATFORMS.map((p) => [PLATFORM_LABELS[p].toLowerCase(), p])),
  ig: 'instagram',
  insta: 'instagram',
  tt: 'tiktok',
  'tik tok': 'tiktok',
  yt: 'youtube',
  twitter: 'x',
  'x (twitter)': 'x',
  'twitter (x)': 'x',
};
const CURRENCY_SYMBOLS: Record<string, string> = {
  '€': 'EUR',
  $: 'USD',
  '£': 'GBP',
  '¥': 'JPY',
  '₹': 'INR',
  CHF: 'CHF',
};

/** Profile field labels under the import row's `profile`, so a schema problem reads "Email is not …". */
const ROW_LABELS = Object.fromEntries([
  ...Object.entries(FIELD_LABELS).map(([key, label]) => [`profile.${key}`, label]),
  ['tags', 'Tags'],
  ['fee', 'Fee'],
  ['fee.currency', 'Currency'],
]);

/**
 * Reads one data row of a CSV file with the mapping the person chose: every mapped cell is
 * parsed (numbers as people write them, lists, "DE 60; AT 10" breakdowns, handles and profile
 * URLs, statuses and members by name), then the whole row is checked with the same schema as
 * `importCreators`. Empty cells are left out, so they never clear a value on a creator the row
 * updates. Cells starting with `=`, `+`, `-` or `@` are only ever text (see formulas.ts).
 */
export function mapRow(cells: readonly string[], mapping: CsvMapping, ctx: RowContext): MappedRow {
  const reasons: string[] = [];
  const row: ImportRow & { profile: NonNullable<ImportRow['profile']> } = { profile: {} };
  const profile = row.profile;
  const handles: Handle[] = [];
  const fail = (field: CsvField, message: string) => reasons.push(sentence(`${label(field)} ${message}`));
  const value = (field: CsvField): string | undefined => {
    const index = mapping.indexOf(field);
    const raw = index < 0 ? undefined : cells[index];
    if (raw === undefined) return undefined;
    if (raw.length > CSV_LIMITS.maxCellChars) {
      fail(
        field,
        `is ${raw.length.toLocaleString('en')} characters long; a cell may hold at most ${CSV_LIMITS.maxCellChars.toLocaleString('en')}`,
      );
      return undefined;
    }
    const text = unescapeFormula(raw).trim();
    return text === '' ? undefined : text;
  };

  const platformCell = value('platform');
  let platform = ctx.defaultPlatform;
  if (platformCell !== undefined) {
    const known = PLATFORM_NAMES[platformCell.toLowerCase()];
    if (known) platform = known;
    else
      fail('platform', `“${short(platformCell)}” is not one of ${PLATFORMS.map((p) => PLATFORM_LABELS[p]).join(', ')}`);
  }
  const addHandle = (field: CsvField, text: string, on: Platform) => {
    const parsed = parseHandle(text, on);
    if (!parsed.ok) fail(field, `“${short(text)}” is not a handle or profile URL: ${parsed.reason}`);
    else if (
      !handles.some(
        (h) => h.platform === parsed.value.platform && h.handle.toLowerCase() === parsed.value.handle.toLowerCase(),
      )
    )
      handles.push({
        platform: parsed.value.platform,
        handle: parsed.value.handle,
        ...(parsed.value.url ? { url: parsed.value.url } : {}),
      });
  };
  const handlesCell = value('handles');
  if (handlesCell !== undefined)
    for (const item of handlesCell.split(/[\s,;]+/).filter(Boolean)) {
      const prefixed = /^([a-z ()]+):(@.*)$/i.exec(item);
      const on = prefixed ? PLATFORM_NAMES[prefixed[1]!.toLowerCase()] : undefined;
      addHandle('handles', on ? prefixed![2]! : item, on ?? platform);
    }
  const handleCell = value('handle');
  if (handleCell !== undefined) addHandle('handle', handleCell, platform);
  for (const field of PLATFORM_FIELDS) {
    const text = value(field);
    if (text !== undefined) addHandle(field, text, field);
  }
  if (handles.length > 10) fail('handles', `has ${handles.length} profiles; a creator may have at most 10`);
  else if (handles.length) profile.handles = handles;

  const name = value('name');
  if (name !== undefined) profile.name = name;
  const url = value('profileUrl');
  if (url !== undefined) profile.profileUrl = /^[\w-]+(\.[\w-]+)+(\/|$)/.test(url) ? `https://${url}` : url;
  for (const field of ['email', 'country', 'language'] as const) {
    const text = value(field);
    if (text !== undefined) profile[field] = text;
  }
  for (const field of ['categories', 'brandSafety'] as const) {
    const text = value(field);
    if (text !== undefined) profile[field] = splitList(text);
  }
  const risk = value('brandSafetyRisk');
  if (risk !== undefined) {
    const lower = risk.toLowerCase();
    const level = BRAND_SAFETY_RISKS.find((r) => r === lower || BRAND_SAFETY_RISK_LABELS[r].toLowerCase() === lower);
    if (level) profile.brandSafetyRisk = level satisfies BrandSafetyRisk;
    else fail('brandSafetyRisk', `“${short(risk)}” is not none, low, medium or high`);
  }
  const tags = value('tags');
  if (tags !== undefined) row.tags = splitList(tags);

  const number = (field: 'followers' | 'avgViews' | 'aqs' | 'engagementRate', rule: NumberRule) => {
    const text = value(field);
    if (text === undefined) return;
    const parsed = parseNumberInput(text.replace(/%$/, ''), rule);
    if (parsed.ok) profile[field] = parsed.value;
    else fail(field, `“${short(text)}” ${parsed.message}`);
  };
  number('followers', COUNT);
  number('avgViews', COUNT);
  number('aqs', { integer: true, min: 0, max: 100 });
  number('engagementRate', SHARE);

  const audience: NonNullable<typeof profile.audience> = {};
  for (const key of ['countries', 'ages', 'education', 'income'] as const) {
    const shares = readShares(`audience.${key}`, value(`audience.${key}`), fail, (k) =>
      key === 'countries' ? k.toUpperCase() : k,
    );
    if (shares) audience[key] = shares as Record<string, number>;
  }
  const genderCell = value('audience.gender');
  const gender = readShares('audience.gender', genderCell, fail, (k) => GENDERS[k.toLowerCase()] ?? null);
  if (gender) audience.gender = gender;
  const interests = value('audience.interests');
  if (interests !== undefined) audience.interests = splitList(interests);
  if (Object.keys(audience).length) profile.audience = audience;

  const history = value('followerHistory');
  if (history !== undefined) {
    const points: { date: string; followers: number }[] = [];
    for (const item of splitPairs(history)) {
      const pair = parsePair(item, COUNT);
      if (!pair.ok)
        fail(
          'followerHistory',
          pair.message.replace('a name and a number like “DE 60”', 'a date and followers like “2026-06-01 48200”'),
        );
      else if (!/^\d{4}-\d{2}(-\d{2})?$/.test(pair.key))
        fail('followerHistory', `“${short(item)}” does not start with a date like 2026-06-01`);
      else points.push({ date: pair.key, followers: pair.value });
    }
    if (points.length) profile.followerHistory = points;
  }

  readFeeCells(value('fee'), value('currency'), ctx.defaultCurrency, row, fail);

  const assignee = value('assignee');
  if (assignee !== undefined) {
    const lower = assignee.toLowerCase();
    const member =
      ctx.members.find((m) => m.id === assignee) ?? ctx.members.find((m) => m.name.toLowerCase() === lower);
    if (member) row.assignee = member.id;
    else fail('assignee', `“${short(assignee)}” is not a member of this workspace`);
  }

  for (const group of ['influencer', 'contract', 'payment'] as const) {
    const field = `status.${group}` as const;
    const text = value(field);
    if (text === undefined) continue;
    const lower = text.toLowerCase();
    const statuses = ctx.statuses[group];
    const status = statuses.find((s) => s.id === text) ?? statuses.find((s) => s.name.toLowerCase() === lower);
    if (!status)
      fail(
        field,
        `“${short(text)}” is not a status of this board; add it under Statuses first, or leave the cell empty`,
      );
    else if (status.archived)
      fail(field, `“${status.name}” was archived; choose another status or leave the cell empty`);
    else row.statuses = { ...row.statuses, [group]: status.id };
  }

  if (reasons.length) return { ok: false, reasons };
  if (!profile.name && !profile.handles?.length && !profile.profileUrl)
    return { ok: false, reasons: ['This row has no name, handle or profile URL; a creator needs at least one.'] };
  const checked = parseInput(importRowSchema, row, ROW_LABELS);
  if (!checked.ok) return { ok: false, reasons: [checked.error.message] };
  return { ok: true, row };
}

function label(field: CsvField): string {
  return csvColumn(field).label.replace(' (%)', '');
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** A breakdown cell (`DE 60; AT 10`): each share 0–100, together at most 100. */
function readShares<K extends string>(
  field: CsvField,
  text: string | undefined,
  fail: (field: CsvField, message: string) => void,
  key: (raw: string) => K | null,
): Partial<Record<K, number>> | undefined {
  if (text === undefined) return undefined;
  const shares: Partial<Record<K, number>> = {};
  let total = 0;
  let ok = true;
  for (const item of splitPairs(text)) {
    const pair = parsePair(item, SHARE);
    const name = pair.ok ? key(pair.key) : null;
    if (!pair.ok) fail(field, pair.message);
    else if (!name) fail(field, `“${short(pair.key)}” is not female, male or other`);
    if (!pair.ok || !name) {
      ok = false;
      continue;
    }
    if (name.length > 40) {
      fail(field, `“${short(name)}” is longer than 40 characters`);
      ok = false;
      continue;
    }
    shares[name] = pair.value;
    total += pair.value;
  }
  if (ok && total > 100.0001) {
    fail(field, `add up to ${Math.round(total * 10) / 10}%; the shares of one breakdown may add up to 100% at most`);
    return undefined;
  }
  return ok && Object.keys(shares).length ? shares : undefined;
}

/** `1200`, `1,200 EUR`, `€1200`, `USD 99.50`; the currency from the cell, else the Currency column, else the default. */
function readFeeCells(
  fee: string | undefined,
  currency: string | undefined,
  defaultCurrency: string,
  row: ImportRow,
  fail: (field: CsvField, message: string) => void,
): void {
  let columnCurrency: string | undefined;
  if (currency !== undefined) {
    columnCurrency = CURRENCY_SYMBOLS[currency] ?? currency.toUpperCase();
    if (!/^[A-Z]{3}$/.test(columnCurrency)) {
      fail('currency', `“${short(currency)}” is not a 3-letter currency code like EUR or USD`);
      return;
    }
  }
  if (fee === undefined) return;
  const match = /^([A-Za-z]{3}|[€$£¥₹])?\s*([\d.,\s\u00a0]+?[kKmM]?)\s*([A-Za-z]{3}|[€$£¥₹])?$/.exec(fee);
  const amount = match ? parseNumberInput(match[2]!, { min: 0, max: 1_000_000_000 }) : null;
  if (!match || !amount?.ok) {
    fail('fee', `“${short(fee)}” is not an amount like 1200, 1,200 EUR or €1200`);
    return;
  }
  const written = match[1] ?? match[3];
  const cellCurrency = written ? (CURRENCY_SYMBOLS[written] ?? written.toUpperCase()) : undefined;
  if (cellCurrency && columnCurrency && cellCurrency !== columnCurrency) {
    fail('fee', `is in ${cellCurrency} but the Currency column says ${columnCurrency}`);
    return;
  }
  row.fee = { amount: amount.value, currency: cellCurrency ?? columnCurrency ?? defaultCurrency };
}
