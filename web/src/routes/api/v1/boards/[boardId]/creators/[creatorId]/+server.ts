import { json } from '@sveltejs/kit';
import { parseInput, removeCreators, setFee, setStatus, STATUS_GROUPS, updateProfile } from '@roster/shared';
import { apiError } from '$lib/server/api';
import { creatorPatchSchema, type CreatorPatch } from '$lib/server/apiCreatorPatch';
import {
  applyForToken,
  boardOfToken,
  idempotent,
  NOT_FOUND_BOARD,
  problemStatus,
  refuseUnless,
  withToken,
} from '$lib/server/apiV1';
import { services } from '$lib/server/services';

const NOT_FOUND_CREATOR = { code: 'creator_not_found', message: 'Creator not found on this board.' };

/** GET /api/v1/boards/:boardId/creators/:creatorId: one creator, every field and the three statuses. */
export const GET = (event) =>
  withToken(event, async (identity) => {
    const board = await boardOfToken(identity, event.params.boardId);
    if (!board) return apiError(404, NOT_FOUND_BOARD);
    const data = await services().readLiveBoard.board(board.id);
    const creator = data.creators.find((c) => c.id === event.params.creatorId);
    return creator ? json({ creator }) : apiError(404, NOT_FOUND_CREATOR);
  });

/**
 * PATCH /api/v1/boards/:boardId/creators/:creatorId `{ fields?, statuses?, fee? }`: each part is
 * the operation the board's own UI runs (updateProfile, setStatus per group, setFee), applied in
 * that order; the first refusal stops the rest and is the answer. Answers the creator as it is now.
 */
export const PATCH = (event) =>
  withToken(event, async (identity) => {
    const refused = refuseUnless(identity, 'board.edit');
    if (refused) return refused;
    const board = await boardOfToken(identity, event.params.boardId);
    if (!board) return apiError(404, NOT_FOUND_BOARD);
    return idempotent(event, identity, async (body) => {
      const parsed = parseInput(creatorPatchSchema, body);
      if (!parsed.ok) return apiError(400, parsed.error);
      const patch = parsed.value as CreatorPatch;
      const creatorId = event.params.creatorId;
      const apply = services().applyOperation;
      const steps = [
        patch.fields && (() => apply(board.id, updateProfile, { creatorId, patch: patch.fields! }, identity.actor)),
        ...STATUS_GROUPS.map(
          (group) =>
            patch.statuses?.[group] &&
            (() =>
              apply(
                board.id,
                setStatus,
                { creatorIds: [creatorId], group, statusId: patch.statuses![group]! },
                identity.actor,
              )),
        ),
        patch.fee !== undefined && (() => apply(board.id, setFee, { creatorId, fee: patch.fee! }, identity.actor)),
      ].filter((step) => typeof step === 'function');
      // One load of the board for every step and the answer, however many steps there are.
      return services().readLiveBoard.hold(board.id, async (read) => {
        for (const step of steps) {
          const result = await step();
          if (!result.ok) return apiError(problemStatus(result.error), result.error);
        }
        const creator = read().creators.find((c) => c.id === creatorId);
        return creator ? json({ creator }) : apiError(404, NOT_FOUND_CREATOR);
      });
    });
  });

/** DELETE /api/v1/boards/:boardId/creators/:creatorId: removes the creator (restorable in the board's "Removed" list). */
export const DELETE = (event) =>
  withToken(event, async (identity) => {
    const refused = refuseUnless(identity, 'board.edit');
    if (refused) return refused;
    const board = await boardOfToken(identity, event.params.boardId);
    if (!board) return apiError(404, NOT_FOUND_BOARD);
    return services().readLiveBoard.hold(board.id, async (read) => {
      if (!read().creators.some((c) => c.id === event.params.creatorId)) return apiError(404, NOT_FOUND_CREATOR);
      return applyForToken(identity, board.id, removeCreators, { creatorIds: [event.params.creatorId] });
    });
  });
