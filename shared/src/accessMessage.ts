import { can } from './policy.ts';
import { ROLES, type Role } from './roles.ts';

const ROLE_CHANGED = 'roster:roleChanged';

/**
 * What the server tells an open board connection about its access, as a Hocuspocus stateless
 * message; built and parsed only here. A role change switches the open connection between
 * read-write and read-only at once (nothing reconnects), so the page must be told: a page left in
 * edit mode after a demotion would keep editing, and the server would drop every edit.
 */
export function roleChangedMessage(role: Role): string {
  return JSON.stringify({ type: ROLE_CHANGED, role });
}

/** Reads a stateless payload built by `roleChangedMessage`; null for anything else. */
export function parseRoleChanged(payload: string): { role: Role; canEdit: boolean } | null {
  let message: unknown;
  try {
    message = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof message !== 'object' || message === null) return null;
  const { type, role } = message as { type?: unknown; role?: unknown };
  if (type !== ROLE_CHANGED || !ROLES.includes(role as Role)) return null;
  return { role: role as Role, canEdit: can(role as Role, 'board.edit') };
}
