import type { OperationContext } from '../../operations/operation.ts';
import { appendActivity } from '../activity/activity.ts';
import { creatorExists, creatorName, cellsByCreator } from '../creators/creatorCells.ts';
import { getCell, setCells, type BoardTypes } from '../document/boardTypes.ts';
import { INITIAL_STATUS, type StatusGroup } from './status.ts';

/** Writes creators' status in a group and one activity entry per move (inside a transaction). */
export function writeStatuses(
  types: BoardTypes,
  creatorIds: string[],
  group: StatusGroup,
  statusId: string,
  ctx: OperationContext,
): void {
  if (creatorIds.length === 0) return;
  const from = new Map(creatorIds.map((id) => [id, currentStatus(types, id, group)]));
  setCells(types, group, new Map(creatorIds.map((id) => [id, statusId])));
  appendActivity(
    creatorIds.map((id) => ({
      creatorId: id,
      creatorName: creatorName(types, id),
      kind: 'status' as const,
      group,
      from: from.get(id),
      to: statusId,
    })),
    ctx,
  );
}

/** The stored status of a creator in a group (a new creator's when none is stored). */
export function currentStatus(types: BoardTypes, creatorId: string, group: StatusGroup): string {
  const value = getCell(types, creatorId, group);
  return typeof value === 'string' ? value : INITIAL_STATUS[group];
}

/** Creators (not removed) whose status in a group is the given one. */
export function creatorsIn(types: BoardTypes, group: StatusGroup, statusId: string): string[] {
  const ids: string[] = [];
  for (const id of new Set([...cellsByCreator(types).keys(), ...types.profiles.map.keys()])) {
    if (!creatorExists(types, id) || getCell(types, id, 'removed') === true) continue;
    if (currentStatus(types, id, group) === statusId) ids.push(id);
  }
  return ids;
}
