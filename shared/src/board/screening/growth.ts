import { isHistoryDate } from '../creators/creator.ts';

/** One point of a creator's follower history, as stored (`YYYY-MM-DD` or `YYYY-MM`). */
export interface HistoryPoint {
  date: string;
  followers: number;
}

const DAY_MS = 86_400_000;

/** Days since the epoch of a history date; a month (`2026-06`) counts as its first day. Null when not a real date. */
export function historyDay(date: string): number | null {
  if (!isHistoryDate(date)) return null;
  const [year, month, day = 1] = date.split('-').map(Number) as [number, number, number?];
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

interface DayPoint {
  day: number;
  date: string;
  followers: number;
}

/** The usable points in date order: real dates and finite, non-negative counts; one per day (the last given wins). */
function dayPoints(history: readonly HistoryPoint[]): DayPoint[] {
  const byDay = new Map<number, DayPoint>();
  for (const { date, followers } of history) {
    const day = historyDay(date);
    if (day === null || !Number.isFinite(followers) || followers < 0) continue;
    byDay.set(day, { day, date, followers });
  }
  return [...byDay.values()].sort((a, b) => a.day - b.day);
}

export interface Growth {
  /** Growth over the window in percent (12.5 for +12.5 %); negative when followers fell. */
  percent: number;
  /** Followers at the window's start (interpolated when no point falls on that day). */
  fromFollowers: number;
  /** The window's end: the latest point. */
  to: HistoryPoint;
  days: number;
}

/**
 * Follower growth over the last `days` days of the history, in percent.
 *
 * The window ends at the **latest point** (not today: a history pasted last month still has a
 * 30-day growth) and starts `days` days earlier. The followers on the start day are read from the
 * history: the point on that day, or else a straight line between the points just before and just
 * after it (linear interpolation by day; a monthly history gives an estimate, not a measurement).
 * Null when the history does not reach back to the start day (it is not extrapolated), has fewer
 * than two points, or had no followers at the start (growth from 0 has no percentage).
 */
export function growthOver(history: readonly HistoryPoint[], days: number): Growth | null {
  const points = dayPoints(history);
  const last = points.at(-1);
  if (!last || points.length < 2 || !(days > 0)) return null;
  const startDay = last.day - days;
  if (points[0]!.day > startDay) return null;
  const fromFollowers = followersOn(points, startDay);
  if (!(fromFollowers > 0)) return null;
  const percent = ((last.followers - fromFollowers) / fromFollowers) * 100;
  return {
    percent: Math.round(percent * 100) / 100,
    fromFollowers,
    to: { date: last.date, followers: last.followers },
    days,
  };
}

/** Followers on a day inside the history's span, interpolated linearly between the points around it. */
function followersOn(points: readonly DayPoint[], day: number): number {
  const after = points.findIndex((point) => point.day >= day);
  const next = points[after]!;
  if (next.day === day || after === 0) return next.followers;
  const before = points[after - 1]!;
  const share = (day - before.day) / (next.day - before.day);
  return before.followers + (next.followers - before.followers) * share;
}

/** A rise between two consecutive points far above the creator's usual growth. */
export interface GrowthJump {
  from: HistoryPoint;
  to: HistoryPoint;
  /** The rise in percent of the followers at `from`. */
  risePercent: number;
  /** Growth per day over this step, in percent. */
  dailyPercent: number;
  /** The creator's usual growth per day (median of the other steps), in percent. */
  usualDailyPercent: number;
}

/** A step's daily growth must be at least this many times the usual one … */
export const JUMP_FACTOR = 5;
/** … and at least this many percentage points a day above it (so a flat account's +0.2 % is no jump) … */
export const JUMP_MIN_EXCESS_DAILY_PERCENT = 0.5;
/** … and add at least this many percent of followers in all. */
export const JUMP_MIN_RISE_PERCENT = 5;

/**
 * Sudden jumps in a follower history (possibly bought followers).
 *
 * Rule: the history's consecutive points form steps; a step's daily growth is its rise in percent
 * of the followers before it, divided by its days. The creator's usual daily growth, for one
 * step, is the median of the daily growth of **all other** steps (so the jump does not raise its
 * own yardstick). A step is a jump when all of these hold:
 * - its daily growth is at least `JUMP_FACTOR` (5) times the usual one,
 * - and at least `JUMP_MIN_EXCESS_DAILY_PERCENT` (0.5) percentage points a day above it,
 * - and it adds at least `JUMP_MIN_RISE_PERCENT` (5 %) followers.
 *
 * So a steady +1 %/month account that gains 10 % in one day is flagged; a viral account growing
 * 1 %/day that has one 3 %/day week is not. Needs at least three points (two steps to compare);
 * fewer give no jumps. Falls are never jumps.
 */
export function growthJumps(history: readonly HistoryPoint[]): GrowthJump[] {
  const points = dayPoints(history);
  if (points.length < 3) return [];
  const steps = points.slice(1).map((to, i) => {
    const from = points[i]!;
    const rise = from.followers > 0 ? ((to.followers - from.followers) / from.followers) * 100 : null;
    return { from, to, rise, daily: rise === null ? null : rise / (to.day - from.day) };
  });
  // The median of the other steps, for every step, from one sorted list: O(n log n), not a sort
  // per step (400 points took 114 ms that way, too slow for a drawer that redraws as people type).
  const rated = steps.flatMap((step, index) => (step.daily === null ? [] : [{ index, daily: step.daily }]));
  const sorted = [...rated].sort((a, b) => a.daily - b.daily);
  const position = new Map(sorted.map((entry, at) => [entry.index, at]));
  const jumps: GrowthJump[] = [];
  steps.forEach((step, index) => {
    if (step.rise === null || step.daily === null || sorted.length < 2) return;
    const usual = Math.max(0, medianWithout(sorted, position.get(index)!));
    const isJump =
      step.daily >= JUMP_FACTOR * usual &&
      step.daily - usual >= JUMP_MIN_EXCESS_DAILY_PERCENT &&
      step.rise >= JUMP_MIN_RISE_PERCENT;
    if (!isJump) return;
    jumps.push({
      from: { date: step.from.date, followers: step.from.followers },
      to: { date: step.to.date, followers: step.to.followers },
      risePercent: round(step.rise),
      dailyPercent: round(step.daily),
      usualDailyPercent: round(usual),
    });
  });
  return jumps;
}

/** The median of a sorted list with the entry at `skip` left out. */
function medianWithout(sorted: readonly { daily: number }[], skip: number): number {
  const at = (i: number) => sorted[i < skip ? i : i + 1]!.daily;
  const length = sorted.length - 1;
  const middle = Math.floor(length / 2);
  return length % 2 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
