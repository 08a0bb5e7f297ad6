import type { Role } from './roles.ts';

/**
 * Who may do what: the one policy table. The domain services, the collab server, the SvelteKit
 * routes and the UI (which buttons are shown) all ask `can(role, action)`; README lists the same
 * table for people. Adding a feature means adding its actions here, not deciding in a page.
 */
export const POLICY = {
  /** Open a board and read everything on it (creators, notes, activity). */
  'board.view': ['owner', 'editor', 'viewer'],
  /** Change a board's content: creators, statuses, notes, settings inside the document. */
  'board.edit': ['owner', 'editor'],
  'board.create': ['owner', 'editor'],
  'board.rename': ['owner', 'editor'],
  /** Archive or restore a board (archiving disconnects everyone who has it open). */
  'board.archive': ['owner'],
  'workspace.rename': ['owner'],
  'members.view': ['owner', 'editor', 'viewer'],
  /** Invite people, change roles, remove members, see and revoke pending invites. */
  'members.manage': ['owner'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof POLICY;

export const ACTIONS = Object.keys(POLICY) as Action[];

export function can(role: Role | null | undefined, action: Action): boolean {
  return role != null && (POLICY[action] as readonly Role[]).includes(role);
}
