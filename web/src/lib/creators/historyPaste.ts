import Papa from 'papaparse';
import { isHistoryDate, parseNumberInput, type HistoryPoint } from '@roster/shared';

/** A pasted line that could not be read, and why (shown to the person who pasted it). */
export interface BadHistoryRow {
  /** 1-based line of the paste. */
  line: number;
  text: string;
  reason: string;
}

export interface PastedHistory {
  points: HistoryPoint[];
  bad: BadHistoryRow[];
}

/** The most lines read from one paste: a follower history keeps at most 400 points. */
export const MAX_PASTED_LINES = 400;

/**
 * Reads follower history pasted from a spreadsheet: two columns, date then followers, separated by
 * tabs (what spreadsheets copy), commas or semicolons — papaparse guesses which and handles quoted
 * cells such as "48,200"; a line typed by hand may separate them with spaces. Dates: 2026-10-01, 2026-10 (a month), 2026/10/01 or 1.10.2026 (day
 * first); followers as people write them (48200, 48,200, 48.2k). A first line that is a header
 * ("Date, Followers") is skipped; every other line that cannot be read is reported with why.
 */
export function parseHistoryPaste(text: string): PastedHistory {
  const { data } = Papa.parse<string[]>(text.trim(), {
    delimiter: '',
    delimitersToGuess: ['\t', ';', ','],
    skipEmptyLines: 'greedy',
    preview: MAX_PASTED_LINES + 1,
  });
  const points: HistoryPoint[] = [];
  const bad: BadHistoryRow[] = [];
  data.forEach((cells, index) => {
    let row = cells.map((cell) => cell.trim());
    // Typed by hand rather than copied: "2026-10-01 48200" (the rest of the line is the number, "48 200" too).
    if (row.length === 1) row = row[0]!.split(/\s+(.*)/s, 2);
    const shown = row.join(', ').slice(0, 80);
    if (index >= MAX_PASTED_LINES) {
      bad.push({ line: index + 1, text: shown, reason: `only the first ${MAX_PASTED_LINES} lines are read` });
      return;
    }
    while (row.length > 2 && row.at(-1) === '') row.pop(); // trailing empty cells of a wider selection
    const [dateText = '', followersText = '', ...rest] = row;
    const date = readDate(dateText);
    if (index === 0 && date === null && !/\d/.test(dateText)) return; // a header
    const reason =
      rest.length > 0
        ? 'needs two columns: a date and followers'
        : date === null
          ? `“${dateText}” is not a date like 2026-10-01`
          : followersReason(followersText);
    if (reason) bad.push({ line: index + 1, text: shown, reason });
    else points.push({ date: date!, followers: followersOf(followersText) });
  });
  return { points, bad };
}

const FOLLOWERS = { integer: true, min: 0, max: 10_000_000_000 };

function followersOf(text: string): number {
  const parsed = parseNumberInput(text, FOLLOWERS);
  return parsed.ok ? parsed.value : 0;
}

function followersReason(text: string): string | null {
  if (text === '') return 'has no followers';
  const parsed = parseNumberInput(text, FOLLOWERS);
  return parsed.ok ? null : `followers ${parsed.message}`;
}

/** A date as `YYYY-MM-DD` (or `YYYY-MM`), or null when it is not a real date. */
export function readDate(text: string): string | null {
  const iso = /^(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?$/.exec(text);
  const dayFirst = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : dayFirst ? [dayFirst[3], dayFirst[2], dayFirst[1]] : [];
  if (!year || !month) return null;
  const date = `${year}-${month.padStart(2, '0')}${day ? `-${day.padStart(2, '0')}` : ''}`;
  return isHistoryDate(date) ? date : null;
}

/**
 * Pasted points merged into a history: a pasted date replaces the value of that date, new dates
 * are added; the result is in date order.
 */
export function mergeHistory(history: readonly HistoryPoint[], pasted: readonly HistoryPoint[]): HistoryPoint[] {
  const byDate = new Map(history.map((point) => [point.date, point.followers]));
  for (const point of pasted) byDate.set(point.date, point.followers);
  return [...byDate]
    .map(([date, followers]) => ({ date, followers }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
