import type { IncomingMessage } from 'node:http';
import { CloseCode, type CloseCodeName, type CloseCodeValue } from '@roster/shared';
import { SESSION_COOKIE } from '@roster/shared';
import type { SessionStore, SessionUser } from '../auth/sessions.ts';

export type UpgradeIdentity =
  | { ok: true; user: SessionUser; sessionId: string; tokenId?: string }
  | { ok: false; code: CloseCodeValue; name: CloseCodeName };

/**
 * Decides, before a WebSocket is accepted, who is connecting. Browsers send the session cookie
 * and an Origin that must be ours; scripts send `?token=` (a collab token) and no Origin.
 */
export async function identifyUpgrade(
  request: IncomingMessage,
  url: URL,
  configuredOrigin: string | undefined,
  sessions: SessionStore,
): Promise<UpgradeIdentity> {
  const origin = request.headers.origin;
  if (origin !== undefined && !isAllowedOrigin(origin, request, configuredOrigin)) {
    return { ok: false, code: CloseCode.ForeignOrigin, name: 'ForeignOrigin' };
  }
  const token = url.searchParams.get('token');
  if (token) {
    const identity = await sessions.validateCollabToken(token);
    return identity ? { ok: true, ...identity } : { ok: false, code: CloseCode.Unauthorized, name: 'Unauthorized' };
  }
  const session = await sessions.validate(readCookie(request.headers.cookie, SESSION_COOKIE));
  if (!session) return { ok: false, code: CloseCode.Unauthorized, name: 'Unauthorized' };
  return { ok: true, user: session.user, sessionId: session.sessionId };
}

function isAllowedOrigin(origin: string, request: IncomingMessage, configuredOrigin: string | undefined): boolean {
  if (configuredOrigin) return origin === new URL(configuredOrigin).origin;
  // Same-origin: the page was served by this host. Compare host:port, ignore the scheme
  // (TLS may end at a proxy in front of us).
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/** Reads one cookie from a Cookie header. */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) {
      try {
        return decodeURIComponent(part.slice(index + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}
