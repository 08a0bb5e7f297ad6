import type { Creator } from '../creators/creator.ts';
import type { BoardData } from '../document/readBoard.ts';
import { STATUS_GROUPS, type StatusGroup } from '../statuses/status.ts';

export interface BoardDiff {
  /** On the board now, not in the snapshot. */
  added: Creator[];
  /** In the snapshot, gone (or removed) now. */
  removed: Creator[];
  /** A status that differs, per creator and group: snapshot → now. */
  moved: { creator: Creator; group: StatusGroup; from: string; to: string }[];
  /** Other fields that differ (by name), per creator on both. */
  changed: { creator: Creator; fields: string[] }[];
}

const COMPARED: (keyof Creator)[] = [
  'name',
  'handles',
  'profileUrl',
  'email',
  'country',
  'language',
  'categories',
  'followers',
  'engagementRate',
  'avgViews',
  'aqs',
  'audience',
  'followerHistory',
  'brandSafety',
  'assignee',
  'tags',
  'fee',
];

/** How a board now differs from a snapshot of it: what a restore would bring back. */
export function diffBoards(snapshot: BoardData, now: BoardData): BoardDiff {
  const before = new Map(snapshot.creators.map((c) => [c.id, c]));
  const after = new Map(now.creators.map((c) => [c.id, c]));
  const diff: BoardDiff = { added: [], removed: [], moved: [], changed: [] };
  for (const creator of now.creators) if (!before.has(creator.id)) diff.added.push(creator);
  for (const creator of snapshot.creators) {
    const current = after.get(creator.id);
    if (!current) {
      diff.removed.push(creator);
      continue;
    }
    for (const group of STATUS_GROUPS) {
      if (creator.statuses[group] !== current.statuses[group])
        diff.moved.push({ creator: current, group, from: creator.statuses[group], to: current.statuses[group] });
    }
    const fields = COMPARED.filter(
      (field) => JSON.stringify(creator[field] ?? null) !== JSON.stringify(current[field] ?? null),
    );
    if (fields.length) diff.changed.push({ creator: current, fields });
  }
  return diff;
}
