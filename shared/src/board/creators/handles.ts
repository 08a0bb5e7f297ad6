import { PLATFORM_LABELS, type Creator, type Handle, type Platform } from './creator.ts';

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

/**
 * First path segments that are pages of the platform, not profiles: `instagram.com/p/…` is a
 * post, `youtube.com/watch` a video. Taking them as handles made creators called "p" and "watch".
 */
const NOT_PROFILES: Partial<Record<Platform, ReadonlySet<string>>> = {
  instagram: new Set(['p', 'reel', 'reels', 'explore', 'stories', 'tv', 'accounts', 'direct', 'about', 'legal']),
  tiktok: new Set(['discover', 'tag', 'music', 'explore', 'search', 'foryou', 'following', 'live', 'login']),
  youtube: new Set(['watch', 'shorts', 'playlist', 'results', 'feed', 'embed', 'live', 'hashtag', 'premium']),
  x: new Set(['home', 'i', 'search', 'intent', 'hashtag', 'explore', 'settings', 'share', 'login', 'messages']),
  twitch: new Set(['directory', 'videos', 'search', 'settings', 'p', 'downloads', 'login', 'signup']),
};

/**
 * A handle is one word of letters (any script: YouTube handles may be Japanese or Cyrillic),
 * digits, ".", "_" and "-". Every platform Roster knows allows a subset of this; spaces and emoji
 * mean a name or a sentence was pasted, which is refused rather than stored as a handle.
 */
const HANDLE = /^[\p{L}\p{M}\p{N}._-]{1,100}$/u;
const HANDLE_RULE = 'a handle is one word: letters, digits, “.”, “_” or “-”';

/** YouTube channel ids (the `/channel/UC…` URLs) are "UC" and 22 more characters. */
const YOUTUBE_CHANNEL_ID = /^UC[\w-]{22}$/;

/** Whether a handle is a YouTube channel id rather than a name someone chose. */
export function isYouTubeChannelId({ platform, handle }: Pick<Handle, 'platform' | 'handle'>): boolean {
  return platform === 'youtube' && YOUTUBE_CHANNEL_ID.test(handle);
}

const PROFILE_URLS: Partial<Record<Platform, (handle: string) => string>> = {
  instagram: (h) => `https://instagram.com/${h}`,
  tiktok: (h) => `https://www.tiktok.com/@${h}`,
  youtube: (h) =>
    YOUTUBE_CHANNEL_ID.test(h) ? `https://www.youtube.com/channel/${h}` : `https://www.youtube.com/@${h}`,
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

/** How a handle reads on a card: "@mia.hart", or "channel UC…" for a YouTube channel id. */
export function handleLabel(handle: Pick<Handle, 'platform' | 'handle'>): string {
  return isYouTubeChannelId(handle) ? `channel ${handle.handle}` : `@${handle.handle}`;
}

/**
 * The name a creator added from a handle alone gets: the handle, except a YouTube channel id,
 * which is nobody's name ("YouTube channel UCX6OQ3…" until someone types the real one).
 */
export function nameForHandle(handle: Pick<Handle, 'platform' | 'handle'>): string {
  return isYouTubeChannelId(handle) ? `YouTube channel ${handle.handle}` : handle.handle;
}

/** One handle or profile URL, understood. */
export interface ParsedHandle extends Handle {
  /** The text as given (a pasted line, trimmed). */
  line: string;
  /** The name to give a creator added from this handle alone (see `nameForHandle`). */
  name: string;
}

/** A handle, or why the text is not one (a sentence for the person who typed it). */
export type HandleParse = { ok: true; value: ParsedHandle } | { ok: false; reason: string };

/**
 * Reads one handle or profile URL: the single rule behind the "One creator" form, the pasted list
 * and the drawer. Accepts `@handle` / `handle` (taking `defaultPlatform`) and profile URLs of
 * Instagram, TikTok, YouTube (`/@name`, `/channel/UC…`, `/c/name`, `/user/name`), X/Twitter and
 * Twitch, which give their own platform. Refuses, with a reason: text with spaces or symbols, a
 * platform's home page or post/video links (no handle in them), and URLs of other sites, which
 * name no handle a person would recognise (`example.com/some/page` is not creator "some").
 */
export function parseHandle(text: string, defaultPlatform: Platform = 'instagram'): HandleParse {
  const line = text.trim();
  if (!line) return { ok: false, reason: 'empty' };
  if (line.length > 500) return { ok: false, reason: 'too long for a handle or profile URL' };
  const parsed =
    /^https?:\/\//i.test(line) || /^[\w-]+(\.[\w-]+)+\//.test(line) ? parseUrl(line) : parseBare(line, defaultPlatform);
  if (!parsed.ok) return parsed;
  return { ok: true, value: { ...parsed.value, line, name: nameForHandle(parsed.value) } };
}

type Parsed = { ok: true; value: Handle } | { ok: false; reason: string };

function parseBare(line: string, platform: Platform): Parsed {
  const handle = line.replace(/^@/, '');
  const site = HOSTS.find(([pattern]) => pattern.test(handle.toLowerCase().replace(/^(www|m|mobile)\./, '')))?.[1];
  if (site) return { ok: false, reason: `the ${PLATFORM_LABELS[site]} home page, with no handle in it` };
  if (HANDLE.test(handle)) return { ok: true, value: { platform, handle } };
  return { ok: false, reason: /\s/.test(handle) ? `has a space: ${HANDLE_RULE}` : HANDLE_RULE };
}

function parseUrl(line: string): Parsed {
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(line) ? line : `https://${line}`);
  } catch {
    return { ok: false, reason: 'not a valid URL' };
  }
  const host = url.hostname.toLowerCase().replace(/^(www|m|mobile)\./, '');
  const platform = HOSTS.find(([pattern]) => pattern.test(host))?.[1];
  if (!platform) {
    return {
      ok: false,
      reason:
        'not an Instagram, TikTok, YouTube, X or Twitch profile: add the creator by name, then set the profile URL',
    };
  }
  const label = PLATFORM_LABELS[platform];
  let segments: string[];
  try {
    segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return { ok: false, reason: 'not a valid URL' };
  }
  if (host === 'youtu.be') return { ok: false, reason: 'a YouTube video link, not a channel' };
  const [first, second] = segments;
  if (!first) return { ok: false, reason: `the ${label} home page, with no handle in it` };
  const legacyYouTube = platform === 'youtube' && (first === 'channel' || first === 'c' || first === 'user');
  if (NOT_PROFILES[platform]?.has(first.toLowerCase())) {
    return { ok: false, reason: `${/^[AEIOUX]/.test(label) ? 'an' : 'a'} ${label} post or page, not a profile` };
  }
  const candidate = (legacyYouTube ? second : first)?.replace(/^@/, '');
  if (!candidate) return { ok: false, reason: `a ${label} link with no handle in it` };
  if (first === 'channel' && legacyYouTube && !YOUTUBE_CHANNEL_ID.test(candidate)) {
    return { ok: false, reason: 'not a YouTube channel id (they start with “UC”)' };
  }
  if (!HANDLE.test(candidate)) return { ok: false, reason: `the ${label} handle in it is not one: ${HANDLE_RULE}` };
  // The URL is kept as the person pasted it, minus tracking parameters and fragments.
  url.search = '';
  url.hash = '';
  return { ok: true, value: { platform, handle: candidate, url: url.toString().slice(0, 500) } };
}

/** A pasted line that is not a handle, and why. */
export interface RefusedLine {
  line: string;
  reason: string;
}

/** One non-blank line of a pasted list, in order: a handle, a refusal, or a repeat of an earlier line. */
export type PastedLine =
  | { kind: 'handle'; line: string; handle: ParsedHandle }
  | { kind: 'refused'; line: string; reason: string }
  | { kind: 'repeat'; line: string };

/** A pasted list, read. */
export interface HandleList {
  /** The handles found, each once. */
  handles: ParsedHandle[];
  /** The lines that are not a handle, with the reason, so the person can be told. */
  refused: RefusedLine[];
  /** Every non-blank line in order, for a preview. */
  lines: PastedLine[];
}

/**
 * Reads a pasted list of handles or profile URLs, one per line, each with `parseHandle`. Blank
 * lines are dropped; a handle already earlier in the list is a `repeat`.
 */
export function parseHandleList(text: string, defaultPlatform: Platform = 'instagram'): HandleList {
  const seen = new Set<string>();
  const list: HandleList = { handles: [], refused: [], lines: [] };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const parsed = parseHandle(line, defaultPlatform);
    if (!parsed.ok) {
      list.refused.push({ line, reason: parsed.reason });
      list.lines.push({ kind: 'refused', line, reason: parsed.reason });
      continue;
    }
    const key = handleKey(parsed.value.platform, parsed.value.handle);
    if (seen.has(key)) {
      list.lines.push({ kind: 'repeat', line });
      continue;
    }
    seen.add(key);
    list.handles.push(parsed.value);
    list.lines.push({ kind: 'handle', line, handle: parsed.value });
  }
  return list;
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
