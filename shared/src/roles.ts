/** Roles of a workspace member, from most to least powerful. */
export const ROLES = ['owner', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Whether a member with this role may change board documents. */
export function canEdit(role: Role): boolean {
  return role === 'owner' || role === 'editor';
}

/** Whether a member with this role may manage members, invites and boards' lifecycle. */
export function canManage(role: Role): boolean {
  return role === 'owner';
}
