/**
 * The cells of content approval (issue 12; names agreed in notes/issue12-plan.md, documented in
 * docs/board-format.md "Content"). Every draft version and every comment is its own member, so a
 * teammate's comment, a client's decision and a new version submitted at once all survive.
 *
 *   `<creatorId>:drafts:<draftId>`          → { deliverableId, version, url, file, submittedAt, submittedBy,
 *                                               decision, decidedBy, decidedAt }
 *   `<creatorId>:draftComments:<commentId>` → { draftId, body, author, byClient, at }
 *
 * No imports: creatorFields.ts reads these lists to recognise the cells.
 */
export const CONTENT_KEYED = ['drafts', 'draftComments'] as const;

export const CONTENT_LABELS: Record<string, string> = {
  drafts: 'Drafts',
  draftComments: 'Draft comments',
};

/** The most draft versions one creator may have (all deliverables together). */
export const MAX_DRAFTS = 200;
/** The most comments one creator's drafts may have. */
export const MAX_DRAFT_COMMENTS = 1000;
/** The longest comment. */
export const MAX_COMMENT_LENGTH = 2000;
