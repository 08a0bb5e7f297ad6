import type { Handle } from '../creators/creator.ts';
import { isHistoryDate } from '../creators/creator.ts';
import { parseHandle } from '../creators/handles.ts';
import { CSV_LIMITS } from '../csv/csvLimits.ts';
import { short } from '../csv/csvValues.ts';
import { unescapeFormula } from '../csv/formulas.ts';
import { headerKey } from '../csv/guessMapping.ts';
import { parseInput } from '../../problem.ts';
import { parseNumberInput } from '../screening/numberInput.ts';
import { POST_FIELD_LABELS, POST_FIGURES, POST_LIMITS, postInputSchema, type PostInput } from './posts.ts';

/**
 * Posted content imported from a CSV file (a platform's or an agency tool's export): each row is
 * one post of one creator, found on the board by handle, profile URL or name. The file itself is
 * read by the creator import's worker (web/src/lib/csv, papaparse); this maps its rows.
 */

export const POST_CSV_FIELDS = ['creator', 'url', 'postedAt', ...POST_FIGURES] as const;
export type PostCsvField = (typeof POST_CSV_FIELDS)[number];

export const POST_CSV_LABELS: Record<PostCsvField, string> = {
  creator: 'Creator (handle or name)',
  url: 'Post URL',
  postedAt: 'Posted date',
  reach: 'Reach',
  views: 'Views',
  likes: 'Likes',
  comments: 'Comments',
  shares: 'Shares',
};

const ALIASES: Record<PostCsvField, string[]> = {
  creator: ['creator', 'influencer', 'handle', 'username', 'account', 'name', 'creator name', 'profile', 'channel'],
  url: ['url', 'post url', 'link', 'post link', 'permalink', 'post', 'content url'],
  postedAt: ['posted', 'posted at', 'posted date', 'post date', 'date', 'published', 'publish date', 'posted on'],
  reach: ['reach', 'accounts reached', 'unique reach'],
  views: ['views', 'video views', 'plays', 'impressions', 'view count'],
  likes: ['likes', 'like count', 'reactions', 'hearts'],
  comments: ['comments', 'comment count', 'replies'],
  shares: ['shares', 'share count', 'reposts', 'retweets'],
};

const KNOWN = new Map<string, PostCsvField>();
for (const field of POST_CSV_FIELDS)
  for (const name of [field, POST_CSV_LABELS[field], ...ALIASES[field]]) {
    const key = headerKey(name);
    if (key && !KNOWN.has(key)) KNOWN.set(key, field);
  }

/** For each column of a file, the post field it fills, or null. */
export type PostCsvMapping = (PostCsvField | null)[];

/** Guesses each column's field from its header; each field is filled by one column at most. */
export function guessPostMapping(headers: readonly string[]): PostCsvMapping {
  const used = new Set<PostCsvField>();
  return headers.map((header) => {
    const field = KNOWN.get(headerKey(header));
    if (!field || used.has(field)) return null;
    used.add(field);
    return field;
  });
}

/** What a mapping lacks to be imported, as a sentence; null when it can be. */
export function postMappingProblem(mapping: PostCsvMapping): string | null {
  const missing = (['creator', 'url', 'postedAt'] as const).filter((field) => !mapping.includes(field));
  if (missing.length === 0) return null;
  return `Choose the column${missing.length > 1 ? 's' : ''} with ${missing.map((f) => POST_CSV_LABELS[f]).join(', ')}.`;
}

/** A creator as rows are matched against it. */
export interface PostMatchCreator {
  id: string;
  name: string;
  handles: readonly Pick<Handle, 'handle'>[];
}

/** Looks creators up by handle (any platform, without @, any case) and by name (any case). */
export interface CreatorMatcher {
  byHandle: Map<string, Set<string>>;
  byName: Map<string, Set<string>>;
  names: Map<string, string>;
}

export function creatorMatcher(creators: readonly PostMatchCreator[]): CreatorMatcher {
  const matcher: CreatorMatcher = { byHandle: new Map(), byName: new Map(), names: new Map() };
  const add = (index: Map<string, Set<string>>, key: string, id: string) => {
    if (!key) return;
    let ids = index.get(key);
    if (!ids) index.set(key, (ids = new Set()));
    ids.add(id);
  };
  for (const creator of creators) {
    matcher.names.set(creator.id, creator.name);
    for (const { handle } of creator.handles) add(matcher.byHandle, handle.replace(/^@/, '').toLowerCase(), creator.id);
    add(matcher.byName, nameKey(creator.name), creator.id);
  }
  return matcher;
}

const nameKey = (name: string) => name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

/** The creator a cell names: a handle (`@mia.hart`, `mia.hart`), a profile URL, or a name. */
export function matchCreator(
  matcher: CreatorMatcher,
  cell: string,
): { ok: true; id: string; name: string } | { ok: false; reason: string } {
  const text = cell.trim();
  if (!text) return { ok: false, reason: 'Creator is empty.' };
  const parsed = parseHandle(text);
  const handle = parsed.ok ? parsed.value.handle.toLowerCase() : text.replace(/^@/, '').toLowerCase();
  const candidates = matcher.byHandle.get(handle) ?? matcher.byName.get(nameKey(text));
  if (!candidates || candidates.size === 0)
    return { ok: false, reason: `No creator on this board has the handle or name “${short(text)}”.` };
  if (candidates.size > 1)
    return {
      ok: false,
      reason: `“${short(text)}” matches ${candidates.size} creators (${[...candidates]
        .slice(0, 3)
        .map((id) => matcher.names.get(id))
        .join(', ')}); use a handle only one of them has.`,
    };
  const id = [...candidates][0]!;
  return { ok: true, id, name: matcher.names.get(id) ?? '' };
}

/**
 * A posted date as files write it: `2026-06-01`, `2026/06/01`, `2026-06-01T14:03:00Z` (the day is
 * kept), `1.6.2026` (day first, as in Europe). A slashed date like `06/07/2026` is US month-first
 * in some exports and day-first in others, so it is read only when one part is over 12.
 */
export function readPostDate(text: string): { ok: true; date: string } | { ok: false; reason: string } {
  const cell = text.trim();
  const pad = (n: string) => n.padStart(2, '0');
  let date: string | null = null;
  let match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ].*)?$/.exec(cell);
  if (match) date = `${match[1]}-${pad(match[2]!)}-${pad(match[3]!)}`;
  else if ((match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(cell)))
    date = `${match[3]}-${pad(match[2]!)}-${pad(match[1]!)}`;
  else if ((match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(cell))) {
    const [a, b] = [Number(match[1]), Number(match[2])];
    if (a <= 12 && b <= 12 && a !== b)
      return { ok: false, reason: `Posted date “${short(cell)}” could be day or month first; write it as 2026-06-01.` };
    date =
      a > 12 ? `${match[3]}-${pad(match[2]!)}-${pad(match[1]!)}` : `${match[3]}-${pad(match[1]!)}-${pad(match[2]!)}`;
  }
  if (!date || !isHistoryDate(date))
    return { ok: false, reason: `Posted date “${short(cell)}” is not a date like 2026-06-01.` };
  return { ok: true, date };
}

/** A row read: the post and its creator, or every reason it cannot be imported. */
export type MappedPostRow =
  { ok: true; creatorId: string; creatorName: string; post: PostInput } | { ok: false; reasons: string[] };

/** Reads one row of a posts file under a mapping, finding its creator on the board. */
export function mapPostRow(cells: readonly string[], mapping: PostCsvMapping, matcher: CreatorMatcher): MappedPostRow {
  const reasons: string[] = [];
  const value = (field: PostCsvField) => {
    const index = mapping.indexOf(field);
    const cell = index < 0 ? '' : (cells[index] ?? '');
    return unescapeFormula(cell.slice(0, CSV_LIMITS.maxCellChars)).trim();
  };
  const creator = matchCreator(matcher, value('creator'));
  if (!creator.ok) reasons.push(creator.reason);
  const post: PostInput = { url: value('url'), postedAt: '' };
  if (!post.url) reasons.push('Post URL is empty.');
  const date = value('postedAt');
  if (!date) reasons.push('Posted date is empty.');
  else {
    const read = readPostDate(date);
    if (read.ok) post.postedAt = read.date;
    else reasons.push(read.reason);
  }
  for (const field of POST_FIGURES) {
    const text = value(field);
    if (!text) continue;
    const number = parseNumberInput(text, { integer: true, min: 0, max: POST_LIMITS.maxFigure });
    if (number.ok) post[field] = number.value;
    else reasons.push(`${POST_CSV_LABELS[field]} “${short(text)}” ${number.message}.`);
  }
  if (reasons.length === 0) {
    const parsed = parseInput(postInputSchema, post, POST_FIELD_LABELS);
    if (!parsed.ok) reasons.push(parsed.error.message);
  }
  if (reasons.length || !creator.ok) return { ok: false, reasons };
  return { ok: true, creatorId: creator.id, creatorName: creator.name, post };
}

/** Every row of a posts file read with one mapping: the posts to import, and the rows that cannot be. */
export interface MappedPostRows {
  rows: { line: number; creatorId: string; creatorName: string; post: PostInput }[];
  /** Row number in the file (the header is row 1), why, and the row's cells. */
  rejected: { line: number; reasons: string[]; cells: string[] }[];
}

/** Maps a whole file's rows (in the CSV worker); a URL given twice for one creator is imported once, the last row's. */
export function mapPostRows(
  rows: readonly (readonly string[])[],
  mapping: PostCsvMapping,
  creators: readonly PostMatchCreator[],
): MappedPostRows {
  const matcher = creatorMatcher(creators);
  const mapped: MappedPostRows = { rows: [], rejected: [] };
  const seen = new Map<string, number>();
  rows.forEach((cells, index) => {
    const line = index + 2;
    const result = mapPostRow(cells, mapping, matcher);
    if (!result.ok) {
      mapped.rejected.push({
        line,
        reasons: result.reasons,
        cells: cells.map((c) => c.slice(0, CSV_LIMITS.maxCellChars)),
      });
      return;
    }
    const key = `${result.creatorId}\u0000${result.post.url}`;
    const earlier = seen.get(key);
    const row = { line, creatorId: result.creatorId, creatorName: result.creatorName, post: result.post };
    if (earlier === undefined) {
      seen.set(key, mapped.rows.length);
      mapped.rows.push(row);
    } else mapped.rows[earlier] = row;
  });
  return mapped;
}
