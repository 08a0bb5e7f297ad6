const key = (boardId: string) => `roster:lastVisit:${boardId}`;

/** When this browser last had the board open (ms since the epoch), or null the first time. */
export function readLastVisit(boardId: string): number | null {
  try {
    const stored = Number(localStorage.getItem(key(boardId)));
    return Number.isFinite(stored) && stored > 0 ? stored : null;
  } catch {
    return null;
  }
}

/** Notes that the board is open now; "my last visit" on the next visit is the last time this ran. */
export function markVisit(boardId: string, at = Date.now()): void {
  try {
    localStorage.setItem(key(boardId), String(at));
  } catch {
    // No storage (private mode): "my last visit" is not offered next time.
  }
}
