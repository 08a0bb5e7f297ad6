import { STATUS_GROUPS, type StatusGroup } from '../statuses/status.ts';
import type { ActivityEntry } from './activity.ts';

/** A creator's change of status in one group over a span of time: where it was, where it is now. */
export interface Move {
  creatorId: string;
  creatorName: string;
  group: StatusGroup;
  /** The status it had before its first move in the span. */
  from: string;
  /** The status its last move in the span put it in. */
  to: string;
  /** Who moved it, in the order of their first move (one name for most creators). */
  movedBy: string[];
  /** When it was last moved (ms since the epoch). */
  at: number;
}

/** What the moves did to one status of a group: creators that came in and that left. */
export interface StatusChange {
  group: StatusGroup;
  statusId: string;
  arrived: number;
  left: number;
}

/**
 * The status moves made strictly after `since`, one per creator and group: several moves of a
 * creator collapse to the first one's `from` and the last one's `to`, and a creator moved back to
 * where it was has not moved. Read from the activity history (`readActivity`, in any order);
 * entries of removed or re-added creators are moves like any other. Newest move first.
 */
export function movesSince(entries: readonly ActivityEntry[], since: number): Move[] {
  const chronological = entries
    .filter((entry) => entry.kind === 'status' && entry.at > since && entry.group && entry.from && entry.to)
    .map((entry, index) => ({ entry, index }))
    // Entries of one instant keep the log's order; readActivity gives newest first, so reverse ties.
    .sort((a, b) => a.entry.at - b.entry.at || b.index - a.index);
  const moves = new Map<string, Move>();
  for (const { entry } of chronological) {
    const group = entry.group as StatusGroup;
    const key = `${group}\u0000${entry.creatorId}`;
    const move = moves.get(key);
    if (!move) {
      moves.set(key, {
        creatorId: entry.creatorId,
        creatorName: entry.creatorName,
        group,
        from: entry.from!,
        to: entry.to!,
        movedBy: [entry.actorName],
        at: entry.at,
      });
      continue;
    }
    move.to = entry.to!;
    move.at = entry.at;
    move.creatorName = entry.creatorName || move.creatorName;
    if (!move.movedBy.includes(entry.actorName)) move.movedBy.push(entry.actorName);
  }
  return [...moves.values()].filter((move) => move.from !== move.to).sort((a, b) => b.at - a.at);
}

/**
 * How many creators came into and left each status, per group, in the order of `STATUS_GROUPS`
 * and then of the most arrivals ("Negotiating +4, Contract signed +2").
 */
export function statusChanges(moves: readonly Move[]): StatusChange[] {
  const changes = new Map<string, StatusChange>();
  const change = (group: StatusGroup, statusId: string) => {
    const key = `${group}\u0000${statusId}`;
    let found = changes.get(key);
    if (!found) changes.set(key, (found = { group, statusId, arrived: 0, left: 0 }));
    return found;
  };
  for (const move of moves) {
    change(move.group, move.to).arrived++;
    change(move.group, move.from).left++;
  }
  return [...changes.values()].sort(
    (a, b) =>
      STATUS_GROUPS.indexOf(a.group) - STATUS_GROUPS.indexOf(b.group) || b.arrived - a.arrived || a.left - b.left,
  );
}

/**
 * Whether the history still reaches back to `since`: it keeps only the latest entries
 * (ACTIVITY_LIMIT), so moves older than its oldest entry may be missing when it is full.
 */
export function historyCovers(entries: readonly ActivityEntry[], since: number, limit: number): boolean {
  if (entries.length < limit) return true;
  return entries.some((entry) => entry.at <= since);
}
