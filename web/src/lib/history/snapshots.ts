import type { BoardData } from '@roster/shared';
import type { SnapshotSummary } from '@roster/server';
import { postJson, requestJson } from '$lib/sessionApi';

// The web app's side of board history: the session API under /api/boards/:boardId/snapshots.

export type SnapshotListEntry = Omit<SnapshotSummary, 'takenAt'> & { takenAt: string };

export const listSnapshots = (boardId: string) =>
  requestJson<{ snapshots: SnapshotListEntry[] }>(`/api/boards/${boardId}/snapshots`).then((r) => r.snapshots);

export const readSnapshot = (boardId: string, snapshotId: string) =>
  requestJson<{ board: BoardData; takenAt: string }>(`/api/boards/${boardId}/snapshots/${snapshotId}`);

export const takeSnapshot = (boardId: string, reason: 'manual' | 'before-remove' | 'before-archive-status') =>
  requestJson<{ id: string }>(`/api/boards/${boardId}/snapshots`, postJson({ reason }));

export const restoreFromSnapshot = (boardId: string, snapshotId: string, creatorIds?: string[]) =>
  requestJson<{ restored: number; undoSnapshotId: string }>(
    `/api/boards/${boardId}/snapshots/${snapshotId}/restore`,
    postJson(creatorIds ? { creatorIds } : {}),
  );

/**
 * A snapshot before a risky change (bulk removal, archiving a status), so History can bring the
 * board back. Waits at most 3 s: the change goes ahead even if the snapshot could not be taken.
 */
export async function snapshotBefore(boardId: string, reason: 'before-remove' | 'before-archive-status') {
  await Promise.race([takeSnapshot(boardId, reason).catch(() => null), new Promise((r) => setTimeout(r, 3000))]);
}
