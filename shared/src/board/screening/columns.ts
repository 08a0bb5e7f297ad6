import { z } from 'zod';
import { BRAND_SAFETY_RISK_LABELS, BRAND_SAFETY_RISKS, PLATFORM_LABELS, type Creator } from '../creators/creator.ts';
import { compareByFee, feeCurrencies } from '../creators/fees.ts';
import { handleLabel } from '../creators/handles.ts';
import { GROUP_LABELS, STATUS_GROUPS, type Status, type StatusGroup } from '../statuses/status.ts';
import { aqsBand, type AqsBand } from './aqs.ts';
import { audienceMatchScore } from './audienceMatch.ts';
import { costPerEngagement, costPerThousandFollowers, type Money } from './costs.ts';
import { isEmptyTarget, type TargetAudience } from './targetAudience.ts';
import type { NumberRule } from './numberInput.ts';
import { PAYMENT_COLUMNS } from '../payments/paymentColumns.ts';

/** What columns need of the board besides the creator. */
export interface ColumnContext {
  bands: readonly AqsBand[];
  statuses: Record<StatusGroup, Status[]>;
  /** A member's name from their id; null when nobody is assigned. */
  memberName: (userId: string | null) => string | null;
  /** The board's target audience, for the match score column; none: the column is empty. */
  target?: TargetAudience;
  /** The viewer's day (`YYYY-MM-DD`), for overdue payments; none: the UTC day. */
  today?: string;
}

/**
 * How a cell is edited in the table: the same fields and the same operations as the drawer.
 * `number` cells are read with `parseNumberInput(text, rule)` before the operation checks them.
 */
export type ColumnEdit =
  | { kind: 'text'; field: 'email' | 'country' | 'language' | 'profileUrl' }
  | { kind: 'number'; field: 'followers' | 'engagementRate' | 'avgViews' | 'aqs'; rule: NumberRule }
  | { kind: 'list'; field: 'categories' | 'brandSafety' }
  | { kind: 'tags' }
  | { kind: 'status'; group: StatusGroup }
  | { kind: 'assignee' }
  | { kind: 'risk' }
  | { kind: 'fee' };

/** One column of the table, and a key to sort by. */
export interface CreatorColumn {
  /** Stable id, stored in saved views (`followers`, `status.contract`). */
  id: string;
  label: string;
  /** Numbers line up on the right. */
  numeric?: boolean;
  /** Shown in a new table (and in the order listed). */
  shownByDefault?: boolean;
  /** What the cell says, as text (also for export). */
  text: (creator: Creator, ctx: ColumnContext) => string;
  /** What the column sorts by; undefined sorts last in both directions. */
  sortValue: (creator: Creator, ctx: ColumnContext) => string | number | undefined;
  /** A sort that is more than comparing values (fees: by currency, then amount). */
  compare?: (creators: readonly Creator[], direction: 1 | -1) => (a: Creator, b: Creator) => number;
  edit?: ColumnEdit;
}

const integer = (max: number): NumberRule => ({ integer: true, max });
const count = new Intl.NumberFormat('en');
const lower = (text: string | undefined) => (text ? text.toLowerCase() : undefined);
const orDash = (text: string | undefined | null) => (text ? text : '—');

function statusColumn(group: StatusGroup): CreatorColumn {
  const find = (creator: Creator, ctx: ColumnContext) => {
    const statuses = ctx.statuses[group];
    const index = statuses.findIndex((s) => s.id === creator.statuses[group]);
    return { index, status: statuses[index] };
  };
  return {
    id: `status.${group}`,
    label: GROUP_LABELS[group],
    shownByDefault: true,
    text: (c, ctx) => find(c, ctx).status?.name ?? '—',
    sortValue: (c, ctx) => {
      const { index } = find(c, ctx);
      return index < 0 ? undefined : index;
    },
    edit: { kind: 'status', group },
  };
}

const unitCost = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * A cost figure per creator (costs.ts): "12.50 EUR". Sorted like fees — by currency, the most
 * used first, then amount — since amounts in different currencies do not compare.
 */
function moneyColumn(id: string, label: string, figure: (creator: Creator) => Money | null): CreatorColumn {
  return {
    id,
    label,
    numeric: true,
    text: (c) => {
      const money = figure(c);
      return money ? `${unitCost.format(money.amount)} ${money.currency}` : '—';
    },
    sortValue: (c) => figure(c)?.amount,
    compare: (creators, direction) => {
      const place = new Map(feeCurrencies(creators).map((currency, index) => [currency, index]));
      return (a, b) => {
        const [x, y] = [figure(a), figure(b)];
        if (!x || !y) return x === y ? 0 : x ? -1 : 1;
        const byCurrency = (place.get(x.currency) ?? 0) - (place.get(y.currency) ?? 0);
        return byCurrency || (x.amount - y.amount) * direction;
      };
    },
  };
}

/** A fee as text without locale currency symbols ("1,500 EUR"), for export and sorting notes. */
function feeText(c: Creator): string {
  return c.fee ? `${count.format(c.fee.amount)} ${c.fee.currency}` : '—';
}

/**
 * Every column the table can show, in the order the column chooser lists them. A feature that
 * adds a field adds its column here (a match score, cost figures), so the table, its sort, its
 * column chooser and saved views all know it.
 */
export const CREATOR_COLUMNS: readonly CreatorColumn[] = [
  {
    id: 'name',
    label: 'Creator',
    shownByDefault: true,
    // Not edited in a cell: a click on the name opens the creator.
    text: (c) => c.name,
    sortValue: (c) => c.name.toLowerCase(),
  },
  {
    id: 'handle',
    label: 'Handle',
    text: (c) => (c.handles[0] ? `${PLATFORM_LABELS[c.handles[0].platform]} · ${handleLabel(c.handles[0])}` : '—'),
    sortValue: (c) => lower(c.handles[0]?.handle),
  },
  ...STATUS_GROUPS.map(statusColumn),
  {
    id: 'followers',
    label: 'Followers',
    numeric: true,
    shownByDefault: true,
    text: (c) => (c.followers === undefined ? '—' : count.format(c.followers)),
    sortValue: (c) => c.followers,
    edit: { kind: 'number', field: 'followers', rule: integer(10_000_000_000) },
  },
  {
    id: 'engagementRate',
    label: 'ER %',
    numeric: true,
    shownByDefault: true,
    text: (c) => (c.engagementRate === undefined ? '—' : `${c.engagementRate}%`),
    sortValue: (c) => c.engagementRate,
    edit: { kind: 'number', field: 'engagementRate', rule: { max: 100 } },
  },
  {
    id: 'avgViews',
    label: 'Avg. views',
    numeric: true,
    text: (c) => (c.avgViews === undefined ? '—' : count.format(c.avgViews)),
    sortValue: (c) => c.avgViews,
    edit: { kind: 'number', field: 'avgViews', rule: integer(10_000_000_000) },
  },
  {
    id: 'aqs',
    label: 'AQS',
    numeric: true,
    shownByDefault: true,
    text: (c, ctx) => {
      const band = aqsBand(c.aqs, ctx.bands);
      return c.aqs === undefined ? '—' : band ? `${c.aqs} · ${band.label}` : String(c.aqs);
    },
    sortValue: (c) => c.aqs,
    edit: { kind: 'number', field: 'aqs', rule: integer(100) },
  },
  {
    id: 'country',
    label: 'Country',
    text: (c) => orDash(c.country),
    sortValue: (c) => lower(c.country),
    edit: { kind: 'text', field: 'country' },
  },
  {
    id: 'language',
    label: 'Language',
    text: (c) => orDash(c.language),
    sortValue: (c) => lower(c.language),
    edit: { kind: 'text', field: 'language' },
  },
  {
    id: 'email',
    label: 'Email',
    text: (c) => orDash(c.email),
    sortValue: (c) => lower(c.email),
    edit: { kind: 'text', field: 'email' },
  },
  {
    id: 'fee',
    label: 'Fee',
    numeric: true,
    shownByDefault: true,
    text: feeText,
    sortValue: (c) => c.fee?.amount,
    compare: compareByFee,
    edit: { kind: 'fee' },
  },
  ...PAYMENT_COLUMNS,
  {
    id: 'assignee',
    label: 'Assignee',
    shownByDefault: true,
    text: (c, ctx) => orDash(ctx.memberName(c.assignee)),
    sortValue: (c, ctx) => lower(ctx.memberName(c.assignee) ?? undefined),
    edit: { kind: 'assignee' },
  },
  {
    id: 'tags',
    label: 'Tags',
    text: (c) => orDash(c.tags.join(', ')),
    sortValue: (c) => lower(c.tags[0]),
    edit: { kind: 'tags' },
  },
  {
    id: 'categories',
    label: 'Categories',
    text: (c) => orDash(c.categories.join(', ')),
    sortValue: (c) => lower(c.categories[0]),
    edit: { kind: 'list', field: 'categories' },
  },
  {
    id: 'brandSafety',
    label: 'Brand-safety flags',
    text: (c) => orDash(c.brandSafety.join(', ')),
    sortValue: (c) => c.brandSafety.length || undefined,
    edit: { kind: 'list', field: 'brandSafety' },
  },
  {
    id: 'brandSafetyRisk',
    label: 'Brand-safety risk',
    text: (c) => (c.brandSafetyRisk ? BRAND_SAFETY_RISK_LABELS[c.brandSafetyRisk] : '—'),
    // By level: none < low < medium < high; not assessed last.
    sortValue: (c) => (c.brandSafetyRisk ? BRAND_SAFETY_RISKS.indexOf(c.brandSafetyRisk) : undefined),
    edit: { kind: 'risk' },
  },
  {
    id: 'match',
    label: 'Match',
    numeric: true,
    text: (c, ctx) => {
      if (!ctx.target || isEmptyTarget(ctx.target)) return '—';
      const score = audienceMatchScore(c.audience, ctx.target);
      return score === null ? 'no data' : String(score);
    },
    sortValue: (c, ctx) => (ctx.target ? (audienceMatchScore(c.audience, ctx.target) ?? undefined) : undefined),
  },
  moneyColumn('costPerThousandFollowers', 'Cost / 1K followers', costPerThousandFollowers),
  moneyColumn('costPerEngagement', 'Cost / engagement', costPerEngagement),
  {
    id: 'createdAt',
    label: 'Added',
    text: (c) => (c.createdAt ? new Date(c.createdAt).toISOString().slice(0, 10) : '—'),
    sortValue: (c) => c.createdAt || undefined,
  },
];

const BY_ID = new Map(CREATOR_COLUMNS.map((column) => [column.id, column]));

/** The column of an id, or undefined (an id from a newer version, or junk in a saved view). */
export function creatorColumn(id: string): CreatorColumn | undefined {
  return BY_ID.get(id);
}

/** The columns a new table shows. */
export const DEFAULT_COLUMNS: readonly string[] = CREATOR_COLUMNS.filter((c) => c.shownByDefault).map((c) => c.id);

/** A list of column ids as chosen: known ids only, each once, the name first (it opens the creator). */
export function chosenColumns(ids: readonly string[]): string[] {
  const known = [...new Set(ids)].filter((id) => BY_ID.has(id) && id !== 'name');
  return ['name', ...known];
}

/** A sort as stored in a saved view. */
export const sortSchema = z.object({
  /** A column id (`CREATOR_COLUMNS`). */
  column: z.string().min(1).max(64),
  direction: z.enum(['asc', 'desc']),
});
export type CreatorSort = z.infer<typeof sortSchema>;

/**
 * Sorts a copy by a column. Creators without a value come last in both directions; ties keep the
 * board's order (rank), so a sorted table does not shuffle when someone edits another field.
 */
export function sortCreators(creators: readonly Creator[], sort: CreatorSort, ctx: ColumnContext): Creator[] {
  const column = creatorColumn(sort.column);
  if (!column) return [...creators];
  const direction = sort.direction === 'asc' ? 1 : -1;
  if (column.compare) return [...creators].sort(column.compare(creators, direction));
  // One value per creator, read once (a sort calls compare n·log n times).
  const keyed = creators.map((creator, index) => ({ creator, index, value: column.sortValue(creator, ctx) }));
  keyed.sort((a, b) => {
    const [x, y] = [a.value, b.value];
    if (x === undefined || y === undefined) return x === y ? a.index - b.index : x === undefined ? 1 : -1;
    const order = typeof x === 'string' && typeof y === 'string' ? x.localeCompare(y) : x < y ? -1 : x > y ? 1 : 0;
    return order * direction || a.index - b.index;
  });
  return keyed.map((entry) => entry.creator);
}

/** The totals row: how many creators, their followers and their fees per currency. */
export interface CreatorTotals {
  creators: number;
  followers: number;
  /** Fees summed per currency, the most used currency first. Amounts in different currencies are never added. */
  fees: { currency: string; amount: number }[];
}

export function creatorTotals(creators: readonly Creator[]): CreatorTotals {
  let followers = 0;
  const fees = new Map<string, number>();
  for (const c of creators) {
    followers += c.followers ?? 0;
    if (c.fee) fees.set(c.fee.currency, (fees.get(c.fee.currency) ?? 0) + c.fee.amount);
  }
  return {
    creators: creators.length,
    followers,
    fees: feeCurrencies(creators).map((currency) => ({
      currency,
      // Cents, not float noise (0.1 + 0.2).
      amount: Math.round((fees.get(currency) ?? 0) * 100) / 100,
    })),
  };
}
