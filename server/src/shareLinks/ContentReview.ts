import {
  CLIENT_ACTOR_NAME,
  commentOnDraft,
  decideDraft,
  LINK_ACTOR_PREFIX,
  readBoard,
  type Deliverable,
  type Draft,
  type DraftComment,
} from '@roster/shared';
import type { ApplyOperation } from '../collab/applyOperation.ts';
import type { ReadLiveBoard } from '../collab/readLiveBoard.ts';
import { fail, type Result } from '../validation.ts';
import type { ShareLinks } from './ShareLinks.ts';

/** What a client's review link shows: one creator's deliverables, drafts and comments, nothing else. */
export interface ReviewView {
  boardName: string;
  creatorName: string;
  expiresAt: Date;
  deliverables: Pick<Deliverable, 'id' | 'platform' | 'format' | 'count' | 'dueDate'>[];
  drafts: Draft[];
  comments: DraftComment[];
}

/**
 * The client's side of content approval, behind a review link: read only the link's creator's
 * drafts, and comment, approve or ask for changes through `applyOperation` as an actor named
 * "Client (review link)" (id `link:<linkId>`), so the team sees it live and in the history. Every
 * call resolves the token again: a link revoked or expired a second ago does nothing.
 */
export class ContentReview {
  constructor(
    private readonly links: ShareLinks,
    private readonly readLiveBoard: ReadLiveBoard,
    private readonly applyOperation: ApplyOperation,
  ) {}

  async view(token: string): Promise<Result<{ review: ReviewView }>> {
    const scope = await this.links.resolve(token, 'review');
    if (!scope.ok) return fail(404, `link_${scope.reason}`, scope.message);
    const creator = await this.readLiveBoard.document(scope.boardId, (doc) =>
      readBoard(doc).creators.find((c) => c.id === scope.creatorId),
    );
    if (!creator) return fail(404, 'link_not_found', 'The creator of this link is no longer on the board.');
    return {
      ok: true,
      review: {
        boardName: scope.boardName,
        creatorName: creator.name,
        expiresAt: scope.expiresAt,
        deliverables: creator.deal.deliverables.map(({ id, platform, format, count, dueDate }) => ({
          id,
          platform,
          format,
          count,
          dueDate,
        })),
        drafts: creator.content.drafts,
        comments: creator.content.comments,
      },
    };
  }

  /** The client approves a draft or asks for changes (with an optional comment). */
  async decide(
    token: string,
    input: { draftId: string; decision: 'approved' | 'changes_requested'; comment?: string | null },
  ): Promise<Result<object>> {
    return this.act(token, (scope) =>
      this.applyOperation(scope.boardId, decideDraft, { creatorId: scope.creatorId, ...input }, actorOf(scope.linkId)),
    );
  }

  async comment(token: string, input: { draftId: string; comment: string }): Promise<Result<object>> {
    return this.act(token, (scope) =>
      this.applyOperation(
        scope.boardId,
        commentOnDraft,
        { creatorId: scope.creatorId, ...input },
        actorOf(scope.linkId),
      ),
    );
  }

  private async act(
    token: string,
    run: (scope: { boardId: string; creatorId: string; linkId: string }) => Promise<{ ok: boolean; error?: unknown }>,
  ): Promise<Result<object>> {
    const scope = await this.links.resolve(token, 'review');
    if (!scope.ok) return fail(404, `link_${scope.reason}`, scope.message);
    const result = (await run(scope)) as
      { ok: true } | { ok: false; error: { code: string; message: string; field?: string } };
    if (!result.ok) return { ok: false, status: 400, error: result.error };
    return { ok: true };
  }
}

/** A client acts as an editor would for these two operations only, under the link's name. */
function actorOf(linkId: string) {
  return { id: `${LINK_ACTOR_PREFIX}${linkId}`, name: CLIENT_ACTOR_NAME, role: 'editor' as const };
}
