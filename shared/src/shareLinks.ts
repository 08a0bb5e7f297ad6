/** Kinds of no-account share links: a client reviewing drafts, a creator accepting terms. */
export const SHARE_LINK_KINDS = ['review', 'acceptance'] as const;
export type ShareLinkKind = (typeof SHARE_LINK_KINDS)[number];

/** The public page a link opens (no sign-in): /review/<token>, /accept/<token>. */
export function shareLinkPath(kind: ShareLinkKind, token: string): string {
  return `${kind === 'review' ? '/review' : '/accept'}/${token}`;
}

/** Expiry choices offered when making a link, in days (the server takes any whole number 1–90). */
export const SHARE_LINK_EXPIRY_DAYS = [1, 7, 14, 30, 90] as const;

/** The session API path of a board's share links. */
export function shareLinksPath(boardId: string): string {
  return `/api/boards/${boardId}/share-links`;
}
