import type { Problem } from './problem.ts';
import { ROLES, type Role } from './roles.ts';

/**
 * Who may do what: the one policy table. The domain services, the collab server, the SvelteKit
 * routes and the UI (which buttons are shown) all ask `can(role, action)`; README lists the same
 * table for people. Adding a feature means adding its actions here, not deciding in a page.
 *
 * Rules that depend on more than the role (the last owner cannot leave or be demoted) are checked
 * by the service that does the action, after the policy.
 */
export const POLICY = {
  /** Open a board and read everything on it (creators, notes, activity). */
  'board.view': ['owner', 'editor', 'viewer'],
  /** Change a board's content: creators, statuses, notes, settings inside the document. */
  'board.edit': ['owner', 'editor'],
  'board.create': ['owner', 'editor'],
  'board.rename': ['owner', 'editor'],
  /** Archive or restore a board (archiving disconnects everyone who has it open): its lifecycle is the owner's. */
  'board.archive': ['owner'],
  /** Save, rename and delete a board's shared views (filters, sort, columns). */
  'views.manage': ['owner', 'editor'],
  'workspace.rename': ['owner'],
  /** Set the workspace's AQS band edges, which every board of the workspace then uses. */
  'workspace.aqsBands': ['owner'],
  /** Leave the workspace (remove oneself). */
  'workspace.leave': ['owner', 'editor', 'viewer'],
  /** See who is a member and with which role. */
  'members.view': ['owner', 'editor', 'viewer'],
  /** Create invite links, see the pending ones and revoke them. */
  'members.invite': ['owner'],
  /** Change a member's role (also one's own). */
  'members.changeRole': ['owner'],
  /** Remove another member. */
  'members.remove': ['owner'],
  /** Make and revoke one's own API tokens (a viewer's can only read). */
  'apiTokens.personal': ['owner', 'editor', 'viewer'],
  /** Make and revoke workspace API tokens, which act on their own and outlive their maker's membership. */
  'apiTokens.workspace': ['owner'],
  /** Add and delete the workspace's webhooks and read their delivery log. */
  'webhooks.manage': ['owner'],
  /** Upload files to a board (contract documents, content drafts); every member may download them. */
  'files.upload': ['owner', 'editor'],
  /** Make, list and revoke a board's no-account share links (a client's review link, a creator's acceptance link). */
  'shareLinks.manage': ['owner', 'editor'],
  /** Write, change and delete the workspace's message templates. */
  'outreach.templates': ['owner', 'editor'],
  /** Set the workspace's SMTP server (its password is stored encrypted) and send a test email. */
  'outreach.smtp': ['owner'],
  /** Send email to creators from a board (bulk outreach, follow-ups) and retry failed messages. */
  'outreach.send': ['owner', 'editor'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof POLICY;

export const ACTIONS = Object.keys(POLICY) as Action[];

export function can(role: Role | null | undefined, action: Action): boolean {
  return role != null && (POLICY[action] as readonly Role[]).includes(role);
}

/** What each action does, as the end of "Only owners can …". */
const DOES: Record<Action, string> = {
  'board.view': 'open boards',
  'board.edit': 'change boards',
  'board.create': 'create boards',
  'board.rename': 'rename boards',
  'board.archive': 'archive or restore boards',
  'views.manage': 'save or change shared views',
  'workspace.rename': 'rename a workspace',
  'workspace.aqsBands': 'change the audience quality score bands',
  'workspace.leave': 'leave a workspace',
  'members.view': 'see members',
  'members.invite': 'invite members',
  'members.changeRole': 'change roles',
  'members.remove': 'remove members',
  'apiTokens.personal': 'make their own access tokens',
  'apiTokens.workspace': 'make workspace access tokens',
  'webhooks.manage': 'manage webhooks',
  'files.upload': 'upload files',
  'shareLinks.manage': 'manage share links',
  'outreach.templates': 'change message templates',
  'outreach.smtp': 'change the email server settings',
  'outreach.send': 'send email to creators',
};

/** The code of a refusal by the policy table. */
export const FORBIDDEN = 'forbidden';

/**
 * Why someone may not do an action, as a Problem whose sentence is built from the table itself
 * ("Only owners can archive or restore boards."), so the message cannot disagree with the rule.
 */
export function forbidden(action: Action): Problem {
  const allowed = ROLES.filter((role) => can(role, action)).map((role) => `${role}s`);
  const who =
    allowed.length > 1 ? `${allowed.slice(0, -1).join(', ')} and ${allowed.at(-1)}` : (allowed[0] ?? 'nobody');
  return { code: FORBIDDEN, message: `Only ${who} can ${DOES[action]}.` };
}
