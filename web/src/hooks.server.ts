import type { Handle } from '@sveltejs/kit';
import { services } from '$lib/server/services';
import { SESSION_COOKIE } from '@roster/shared';
import { clearSessionCookie, setSessionCookie } from '$lib/server/session';

export const handle: Handle = async ({ event, resolve }) => {
  event.locals.user = null;
  event.locals.sessionId = null;
  const token = event.cookies.get(SESSION_COOKIE);
  if (token) {
    const session = await services().sessions.validate(token);
    if (session) {
      event.locals.user = session.user;
      event.locals.sessionId = session.sessionId;
      // Re-set on every request so the cookie follows the sliding expiry.
      setSessionCookie(event.cookies, event.url, token, session.expiresAt);
    } else {
      clearSessionCookie(event.cookies);
    }
  }
  return resolve(event);
};
