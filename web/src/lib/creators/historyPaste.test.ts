import { describe, expect, it } from 'vitest';
import { mergeHistory, parseHistoryPaste, readDate } from './historyPaste.ts';

describe('pasting follower history', () => {
  it('reads two tab-separated columns, as spreadsheets copy them', () => {
    expect(parseHistoryPaste('2026-09-01\t45000\n2026-10-01\t48,200\n')).toEqual({
      points: [
        { date: '2026-09-01', followers: 45_000 },
        { date: '2026-10-01', followers: 48_200 },
      ],
      bad: [],
    });
  });

  it('reads comma-separated columns with a quoted number and skips a header line', () => {
    const pasted = parseHistoryPaste('Date,Followers\n2026-09-01,"45,000"\n1.10.2026,48.2k');
    expect(pasted.points).toEqual([
      { date: '2026-09-01', followers: 45_000 },
      { date: '2026-10-01', followers: 48_200 },
    ]);
    expect(pasted.bad).toEqual([]);
  });

  it('reports each line it cannot read with its line number and why, and keeps the good ones', () => {
    const pasted = parseHistoryPaste(
      '2026-09-01\t45000\n2026-13-01\t46000\n2026-10-01\tmany\n2026-11-01\n2026-12-01\t1\t2',
    );
    expect(pasted.points).toEqual([{ date: '2026-09-01', followers: 45_000 }]);
    expect(pasted.bad).toEqual([
      { line: 2, text: '2026-13-01, 46000', reason: '“2026-13-01” is not a date like 2026-10-01' },
      { line: 3, text: '2026-10-01, many', reason: 'followers must be a number like 48200 or 48.2k' },
      { line: 4, text: '2026-11-01', reason: 'has no followers' },
      { line: 5, text: '2026-12-01, 1, 2', reason: 'needs two columns: a date and followers' },
    ]);
  });

  it('reads a line typed by hand with a space between the date and the followers', () => {
    expect(parseHistoryPaste('2026-01-01 10000\n2026-06-01 48 200').points).toEqual([
      { date: '2026-01-01', followers: 10_000 },
      { date: '2026-06-01', followers: 48_200 },
    ]);
  });

  it('ignores empty cells at the end of a wider selection', () => {
    expect(parseHistoryPaste('2026-09-01\t45000\t\t').points).toEqual([{ date: '2026-09-01', followers: 45_000 }]);
  });

  it('reads at most 400 lines and says so', () => {
    const lines = Array.from({ length: 405 }, (_, i) => `${2000 + i}-01-01\t${i}`).join('\n');
    const pasted = parseHistoryPaste(lines);
    expect(pasted.points).toHaveLength(400);
    expect(pasted.bad).toEqual([{ line: 401, text: '2400-01-01, 400', reason: 'only the first 400 lines are read' }]);
  });

  it('reads ISO, slashed and day-first dates, and refuses dates that do not exist', () => {
    expect(['2026-6-1', '2026/06/01', '1.6.2026', '2026-06'].map(readDate)).toEqual([
      '2026-06-01',
      '2026-06-01',
      '2026-06-01',
      '2026-06',
    ]);
    expect(['2026-02-30', '06/01/2026', 'June'].map(readDate)).toEqual([null, null, null]);
  });

  it('merges pasted points into the history: a pasted date replaces its value, in date order', () => {
    const history = [
      { date: '2026-09-01', followers: 1 },
      { date: '2026-11-01', followers: 3 },
    ];
    expect(
      mergeHistory(history, [
        { date: '2026-11-01', followers: 30 },
        { date: '2026-10-01', followers: 2 },
      ]),
    ).toEqual([
      { date: '2026-09-01', followers: 1 },
      { date: '2026-10-01', followers: 2 },
      { date: '2026-11-01', followers: 30 },
    ]);
  });
});
