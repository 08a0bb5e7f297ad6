import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from '@roster/shared';

/** Stores the session token in an HttpOnly cookie; Secure when the page was served over https. */
export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date): void {
  cookies.set(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: url.protocol === 'https:',
    expires: expiresAt,
  });
}

export function clearSessionCookie(cookies: Cookies): void {
  cookies.delete(SESSION_COOKIE, { path: '/' });
}

/**
 * Where to go after signing in: `next` when it resolves to this origin, else `fallback`. Parsed
 * with URL exactly as a browser would (it drops tabs and line breaks and reads a backslash as `/`, so
 * `/\t/evil.example` means `//evil.example`), and answered as the parsed, percent-encoded path:
 * never a header the server cannot send. Every use of `next` goes through here.
 */
export function safeNext(next: string | null | undefined, origin: string, fallback = '/'): string {
  if (!next) return fallback;
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return fallback;
  }
  // `/.//evil.example` and `/a/..//evil.example` resolve on this origin to the path
  // `//evil.example`, which a browser given it as Location reads as another host.
  if (url.origin !== new URL(origin).origin || url.pathname.startsWith('//')) return fallback;
  return url.pathname + url.search + url.hash;
}
