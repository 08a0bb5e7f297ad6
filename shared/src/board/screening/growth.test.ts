import { describe, expect, it } from 'vitest';
import { growthJumps, growthOver, historyDay } from './growth.ts';

const history = (...points: [string, number][]) => points.map(([date, followers]) => ({ date, followers }));

describe('growth over a window', () => {
  it('compares the latest point with the point exactly the window before it', () => {
    const growth = growthOver(history(['2026-10-01', 10_000], ['2026-10-31', 11_000]), 30);
    expect(growth).toEqual({
      percent: 10,
      fromFollowers: 10_000,
      to: { date: '2026-10-31', followers: 11_000 },
      days: 30,
    });
  });

  it('interpolates the start day linearly between the points around it', () => {
    // 90 days before 2026-12-01 is 2026-09-02, 23 of the 62 days from 08-10 (10,000) to 10-11 (14,000).
    const points = history(['2026-08-10', 10_000], ['2026-10-11', 14_000], ['2026-12-01', 15_000]);
    const growth = growthOver(points, 90)!;
    const start = 10_000 + (4_000 * 23) / 62;
    expect(growth.fromFollowers).toBeCloseTo(start, 6);
    expect(growth.percent).toBeCloseTo(((15_000 - start) / start) * 100, 2);
  });

  it('ends the window at the latest point, whatever order the points come in', () => {
    const growth = growthOver(history(['2026-11-30', 12_000], ['2026-10-31', 10_000]), 30);
    expect(growth?.percent).toBe(20);
  });

  it('reports a fall as negative growth', () => {
    expect(growthOver(history(['2026-10-01', 10_000], ['2026-10-31', 9_500]), 30)?.percent).toBe(-5);
  });

  it('gives no growth when the history does not reach back the whole window', () => {
    const points = history(['2026-10-15', 10_000], ['2026-10-31', 11_000]);
    expect(growthOver(points, 30)).toBeNull();
    expect(growthOver(points, 16)?.percent).toBe(10);
  });

  it('gives no growth from a single point or from zero followers', () => {
    expect(growthOver(history(['2026-10-31', 11_000]), 30)).toBeNull();
    expect(growthOver(history(['2026-10-01', 0], ['2026-10-31', 500]), 30)).toBeNull();
  });

  it('reads a month as its first day and skips dates that do not exist', () => {
    expect(historyDay('2026-06')).toBe(historyDay('2026-06-01'));
    expect(historyDay('2026-02-30')).toBeNull();
    const points = history(['2026-09', 1_000], ['2026-02-30', 5], ['2026-10', 1_100]);
    expect(growthOver(points, 30)?.percent).toBe(10);
  });
});

describe('sudden jumps', () => {
  // About +1 % a month: +330 followers every 10 days on 100,000.
  const steady = history(
    ['2026-09-01', 100_000],
    ['2026-09-11', 100_330],
    ['2026-09-21', 100_660],
    ['2026-10-01', 100_990],
    ['2026-10-11', 101_320],
  );

  it('flags a day-over-day rise far above the usual growth', () => {
    const jumps = growthJumps([...steady, ...history(['2026-10-12', 111_320], ['2026-10-22', 111_650])]);
    expect(jumps).toHaveLength(1);
    expect(jumps[0]).toMatchObject({
      from: { date: '2026-10-11', followers: 101_320 },
      to: { date: '2026-10-12', followers: 111_320 },
      risePercent: 9.87,
      dailyPercent: 9.87,
    });
    expect(jumps[0]!.usualDailyPercent).toBeCloseTo(0.03, 2);
  });

  it('does not flag steady growth', () => {
    expect(growthJumps(steady)).toEqual([]);
  });

  it('does not flag a fast week of an account that always grows fast', () => {
    // 1 % a day for weeks, then 3 % a day for a week: three times its usual, not five.
    const viral = history(
      ['2026-09-01', 10_000],
      ['2026-09-08', 10_700],
      ['2026-09-15', 11_449],
      ['2026-09-22', 12_250],
      ['2026-09-29', 14_823],
      ['2026-10-06', 15_860],
    );
    expect(growthJumps(viral)).toEqual([]);
  });

  it('does not flag a small rise on a flat account', () => {
    const flat = history(
      ['2026-09-01', 50_000],
      ['2026-09-02', 50_000],
      ['2026-09-03', 50_100],
      ['2026-09-04', 50_100],
    );
    expect(growthJumps(flat)).toEqual([]);
  });

  it('does not flag a fall', () => {
    expect(growthJumps([...steady, ...history(['2026-10-12', 80_000])])).toEqual([]);
  });

  it('finds the one jump in a year of daily points', () => {
    const day = (i: number) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10);
    const daily = Array.from({ length: 365 }, (_, i) => ({
      date: day(i),
      followers: 20_000 + i * 7 + (i % 5) * 3 + (i >= 200 ? 4_000 : 0),
    }));
    expect(growthJumps(daily).map((jump) => jump.to.date)).toEqual([day(200)]);
  });

  it('needs three points to know the usual growth', () => {
    expect(growthJumps(history(['2026-09-01', 1_000], ['2026-09-02', 5_000]))).toEqual([]);
  });
});
