import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { parseInput } from '@roster/shared';
import { apiError, apiFailure, apiUser, readJson } from '$lib/server/api';
import { services } from '$lib/server/services';

const restoreSchema = z
  .object({
    /** The creators to bring back as the snapshot had them; none: the whole board. */
    creatorIds: z.array(z.string().min(1).max(64)).max(20_000).optional(),
  })
  .strict();

/**
 * POST `{ creatorIds? }`: restores creators (or the whole board) from the snapshot as a new change
 * everyone sees live (editors). Answers `{ restored, undoSnapshotId }`: restoring that snapshot
 * undoes this restore.
 */
export async function POST({ locals, params, request }) {
  const user = apiUser(locals);
  if (user instanceof Response) return user;
  const body = await readJson(request);
  if (body instanceof Response) return body;
  const input = parseInput(restoreSchema, body);
  if (!input.ok) return apiError(400, input.error);
  const result = await services().snapshots.restore(
    { id: user.id, name: user.name },
    params.boardId,
    params.snapshotId,
    input.value.creatorIds ?? null,
  );
  return result.ok ? json({ restored: result.restored, undoSnapshotId: result.undoSnapshotId }) : apiFailure(result);
}
