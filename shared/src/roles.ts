/** Roles of a workspace member, from most to least powerful. What each may do: `policy.ts`. */
export const ROLES = ['owner', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
