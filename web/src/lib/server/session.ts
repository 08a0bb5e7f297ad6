import type { Cookies } from '@sveltejs/kit';

/** Must match SESSION_COOKIE in server/src/auth/sessions.ts (the WebSocket reads the same cookie). */
export const SESSION_COOKIE = 'roster_session';

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

/** A same-site path to return to after sign-in, or the default. Refuses absolute and protocol-relative URLs. */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
