import type { BoardData } from '@roster/shared';
import type { SnapshotSummary } from '@roster/server';

// The web app's side of board history: the session API under /api/boards/:boardId/snapshots.

export type SnapshotListEntry = Omit<SnapshotSummary, 'takenAt'> & { takenAt: string };

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  const body = (await response.json().catch(() => null)) as (T & { error?: { message: string } }) | null;
  if (!response.ok) throw new Error(body?.error?.message ?? 'The server did not answer. Try again.');
  return body as T;
}

const post = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export const listSnapshots = (boardId: string) =>
  call<{ snapshots: SnapshotListEntry[] }>(`/api/boards/${boardId}/snapshots`).then((r) => r.snapshots);

export const readSnapshot = (boardId: string, snapshotId: string) =>
  call<{ board: BoardData; takenAt: string }>(`/api/boards/${boardId}/snapshots/${snapshotId}`);

export const takeSnapshot = (boardId: string, reason: 'manual' | 'before-remove' | 'before-archive-status') =>
  call<{ id: string }>(`/api/boards/${boardId}/snapshots`, post({ reason }));

export const restoreFromSnapshot = (boardId: string, snapshotId: string, creatorIds?: string[]) =>
  call<{ restored: number; undoSnapshotId: string }>(
    `/api/boards/${boardId}/snapshots/${snapshotId}/restore`,
    post(creatorIds ? { creatorIds } : {}),
  );

/**
 * A snapshot before a risky change (bulk removal, archiving a status), so History can bring the
 * board back. Waits at most 3 s: the change goes ahead even if the snapshot could not be taken.
 */
export async function snapshotBefore(boardId: string, reason: 'before-remove' | 'before-archive-status') {
  await Promise.race([takeSnapshot(boardId, reason).catch(() => null), new Promise((r) => setTimeout(r, 3000))]);
}
