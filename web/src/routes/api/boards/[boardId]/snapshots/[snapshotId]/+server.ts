import { json } from '@sveltejs/kit';
import { apiFailure, apiUser } from '$lib/server/api';
import { services } from '$lib/server/services';

/** GET: the board as the snapshot holds it (members; read-only). */
export async function GET({ locals, params }) {
  const user = apiUser(locals);
  if (user instanceof Response) return user;
  const result = await services().snapshots.read(user.id, params.boardId, params.snapshotId);
  return result.ok ? json({ board: result.board, takenAt: result.takenAt }) : apiFailure(result);
}
