import type { Creator, Handle, Platform } from './schema.ts';

/** The identity of a handle for duplicate checks: platform + lower-case handle without "@". */
export function handleKey(platform: string, handle: string): string {
  return `${platform}:${handle.replace(/^@/, '').toLowerCase()}`;
}

const HOSTS: [RegExp, Platform][] = [
  [/(^|\.)instagram\.com$/, 'instagram'],
  [/(^|\.)tiktok\.com$/, 'tiktok'],
  [/(^|\.)(youtube\.com|youtu\.be)$/, 'youtube'],
  [/(^|\.)(x\.com|twitter\.com)$/, 'x'],
  [/(^|\.)twitch\.tv$/, 'twitch'],
];

const PROFILE_URLS: Partial<Record<Platform, (handle: string) => string>> = {
  instagram: (h) => `https://instagram.com/${h}`,
  tiktok: (h) => `https://www.tiktok.com/@${h}`,
  youtube: (h) => `https://www.youtube.com/@${h}`,
  x: (h) => `https://x.com/${h}`,
  twitch: (h) => `https://twitch.tv/${h}`,
};

/**
 * A handle written so that `parseHandleList(text, 'other')` reads it back: the profile URL of a
 * known platform, `@handle` for any other.
 */
export function formatHandle({ platform, handle }: Handle): string {
  return PROFILE_URLS[platform]?.(handle) ?? `@${handle}`;
}

/** One line of a pasted list, understood. */
export interface ParsedHandle extends Handle {
  /** The line as pasted. */
  line: string;
}

/** A pasted list, read: the handles found, and the lines that are neither a handle nor a URL. */
export interface HandleList {
  handles: ParsedHandle[];
  unreadable: string[];
}

/**
 * Reads a pasted list of handles or profile URLs, one per line. URLs give the platform
 * (instagram.com/x, tiktok.com/@x, youtube.com/@x, x.com/x, twitter.com/x, twitch.tv/x);
 * bare handles get `defaultPlatform`. Blank lines and repeats within the list are dropped;
 * lines that are neither are returned as `unreadable`, so the person can be told.
 */
export function parseHandleList(text: string, defaultPlatform: Platform = 'instagram'): HandleList {
  const seen = new Set<string>();
  const handles: ParsedHandle[] = [];
  const unreadable: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const parsed = parseOne(line, defaultPlatform);
    if (!parsed) {
      unreadable.push(line);
      continue;
    }
    const key = handleKey(parsed.platform, parsed.handle);
    if (seen.has(key)) continue;
    seen.add(key);
    handles.push({ ...parsed, line });
  }
  return { handles, unreadable };
}

function parseOne(line: string, defaultPlatform: Platform): Handle | null {
  const looksLikeUrl = /^https?:\/\//i.test(line) || /^[\w.-]+\.(com|tv|be)\//i.test(line);
  if (!looksLikeUrl) {
    // Spaces inside a line mean a name or a sentence, not a handle: report it, don't glue it.
    const handle = line.replace(/^@/, '');
    return /^[\w.-]{1,100}$/.test(handle) ? { platform: defaultPlatform, handle } : null;
  }
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(line) ? line : `https://${line}`);
  } catch {
    return null;
  }
  const host = url.hostname.toLowerCase().replace(/^www\.|^m\./, '');
  const platform = HOSTS.find(([pattern]) => pattern.test(host))?.[1] ?? 'other';
  const segments = url.pathname.split('/').filter(Boolean);
  // youtube.com/channel/ID, youtube.com/c/name, youtube.com/@name; others: first path segment.
  const candidate =
    platform === 'youtube' && (segments[0] === 'channel' || segments[0] === 'c' || segments[0] === 'user')
      ? segments[1]
      : segments[0];
  const handle = (candidate ?? host).replace(/^@/, '');
  if (!handle) return null;
  return { platform, handle: decodeURIComponent(handle).slice(0, 100), url: url.toString().slice(0, 500) };
}

/** A pasted entry checked against the board. */
export interface CheckedHandle extends ParsedHandle {
  /** The creator already on the board with this handle (same platform) or profile URL; absent when new. */
  existingCreatorId?: string;
}

/** What `flagHandlesOnBoard` needs of a creator: `readBoard(doc).creators` fits. */
export type CreatorIdentity = Pick<Creator, 'id' | 'handles' | 'profileUrl'>;

/**
 * Marks the parsed entries that are already on the board (same platform and handle, ignoring
 * case and "@", or the same profile URL), so the add dialog can show and skip them before
 * `addCreators` is called. Pass the creators on the board (removed ones are not duplicates).
 */
export function flagHandlesOnBoard(
  entries: readonly ParsedHandle[],
  creators: readonly CreatorIdentity[],
): CheckedHandle[] {
  const owner = new Map<string, string>();
  for (const creator of creators) {
    for (const handle of creator.handles) owner.set(handleKey(handle.platform, handle.handle), creator.id);
    if (creator.profileUrl) owner.set(urlKey(creator.profileUrl), creator.id);
    for (const handle of creator.handles) if (handle.url) owner.set(urlKey(handle.url), creator.id);
  }
  return entries.map((entry) => {
    const existing =
      owner.get(handleKey(entry.platform, entry.handle)) ?? (entry.url ? owner.get(urlKey(entry.url)) : undefined);
    return existing ? { ...entry, existingCreatorId: existing } : { ...entry };
  });
}

/** The identity of a profile URL: lower case, without scheme, "www." and trailing slashes. */
export function urlKey(url: string): string {
  return `url:${url
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^(www|m)\./, '')
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '')}`;
}
