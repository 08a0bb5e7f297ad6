import { z } from 'zod';
import { colorSchema } from '../../color.ts';
import { defineOperation, refuse, type OperationContext } from '../../operations/operation.ts';
import { randomId } from '../activity/activity.ts';
import { boardTypes, type BoardTypes } from '../document/boardTypes.ts';
import { rankBetween } from '../document/rank.ts';
import { creatorsIn, writeStatuses } from './creatorStatuses.ts';
import { readStatuses } from './readStatuses.ts';
import { STATUS_GROUPS, statusNameSchema, type Status } from './status.ts';

const idSchema = z.string().min(1).max(64);

const STATUS_GONE = 'That status no longer exists.';
const NAME_TAKEN = 'A status named “{name}” already exists in this group.';

/** Adds a custom status to a group. */
export const createStatus = defineOperation({
  name: 'createStatus',
  action: 'board.edit',
  input: z.object({
    group: z.enum(STATUS_GROUPS),
    name: statusNameSchema,
    color: colorSchema.default('#94a3b8'),
    /** Place it after this status; omitted: at the end of the group. */
    afterId: idSchema.optional(),
  }),
  failures: { name_taken: NAME_TAKEN },
  run(doc, { group, name, color, afterId }, ctx) {
    const types = boardTypes(doc);
    const list = readStatuses(types)[group];
    if (nameTaken(list, name)) return refuse('name_taken', { field: 'name', values: { name } });
    const index = afterId ? list.findIndex((s) => s.id === afterId) : list.length - 1;
    const rank = rankBetween(list[index]?.rank ?? null, list[index + 1]?.rank ?? null);
    const id = `${group}.custom-${(ctx.newId ?? randomId)()}`;
    doc.transact(() => types.statuses.set(id, { group, name, color, rank, archived: false }), ctx.origin);
    return { ok: true, id };
  },
});

/** Renames and/or recolours a status. */
export const updateStatus = defineOperation({
  name: 'updateStatus',
  action: 'board.edit',
  input: z.object({
    statusId: idSchema,
    name: statusNameSchema.optional(),
    color: colorSchema.optional(),
  }),
  failures: { status_not_found: STATUS_GONE, name_taken: NAME_TAKEN },
  run(doc, { statusId, name, color }, ctx) {
    const types = boardTypes(doc);
    const status = findStatus(types, statusId);
    if (!status) return refuse('status_not_found');
    const others = readStatuses(types)[status.group].filter((s) => s.id !== statusId);
    if (name !== undefined && nameTaken(others, name)) return refuse('name_taken', { field: 'name', values: { name } });
    writeStatus(types, { ...status, name: name ?? status.name, color: color ?? status.color }, ctx);
    return { ok: true };
  },
});

/** Reorders a status within its group. */
export const moveStatus = defineOperation({
  name: 'moveStatus',
  action: 'board.edit',
  input: z.object({
    statusId: idSchema,
    /** The status it will follow, or null to become first. */
    afterId: idSchema.nullable(),
  }),
  failures: { status_not_found: STATUS_GONE },
  run(doc, { statusId, afterId }, ctx) {
    const types = boardTypes(doc);
    const status = findStatus(types, statusId);
    if (!status) return refuse('status_not_found');
    const others = readStatuses(types)[status.group].filter((s) => s.id !== status.id);
    const index = afterId === null ? -1 : others.findIndex((s) => s.id === afterId);
    if (afterId !== null && index < 0) return refuse('status_not_found', { field: 'afterId' });
    const rank = rankBetween(others[index]?.rank ?? null, others[index + 1]?.rank ?? null);
    writeStatus(types, { ...status, rank }, ctx);
    return { ok: true };
  },
});

/**
 * Archives a status. A status in use cannot silently vanish: its creators move to `moveTo` (a
 * live status of the same group), each move recorded in the activity history. A creator that a
 * teammate moves into the status concurrently is shown by `readBoard` in `moveTo` too (the
 * archived status remembers it), so no creator disappears from the board.
 */
export const archiveStatus = defineOperation({
  name: 'archiveStatus',
  action: 'board.edit',
  input: z.object({
    statusId: idSchema,
    /** Where its creators go. Required when any creator is in it. */
    moveTo: idSchema.optional(),
  }),
  failures: {
    status_not_found: STATUS_GONE,
    last_status: 'This is the last status of its group; add another one before archiving it.',
    move_to_invalid: 'Its creators can only move to a status of the same group that is not archived.',
    move_to_required: 'Move its creators to another status first.',
  },
  run(doc, { statusId, moveTo }, ctx) {
    const types = boardTypes(doc);
    const status = findStatus(types, statusId);
    if (!status) return refuse('status_not_found');
    const live = readStatuses(types)[status.group].filter((s) => !s.archived && s.id !== statusId);
    if (live.length === 0) return refuse('last_status');
    const inUse = creatorsIn(types, status.group, statusId);
    const target = moveTo ? live.find((s) => s.id === moveTo) : undefined;
    if (moveTo && !target) return refuse('move_to_invalid', { field: 'moveTo' });
    if (inUse.length > 0 && !target) return refuse('move_to_required', { field: 'moveTo' });
    doc.transact(() => {
      if (target) writeStatuses(types, inUse, status.group, target.id, ctx);
      types.statuses.set(statusId, storedShape({ ...status, archived: true, movedTo: target?.id }));
    }, ctx.origin);
    return { ok: true, moved: inUse.length };
  },
});

/** Brings an archived status back. */
export const restoreStatus = defineOperation({
  name: 'restoreStatus',
  action: 'board.edit',
  input: z.object({ statusId: idSchema }),
  failures: { status_not_found: STATUS_GONE },
  run(doc, { statusId }, ctx) {
    const types = boardTypes(doc);
    const status = findStatus(types, statusId);
    if (!status) return refuse('status_not_found');
    writeStatus(types, { ...status, archived: false, movedTo: undefined }, ctx);
    return { ok: true };
  },
});

/** Whether a live status of the list already has this name (case-insensitive). */
function nameTaken(list: readonly Status[], name: string): boolean {
  return list.some((s) => !s.archived && s.name.toLowerCase() === name.toLowerCase());
}

function findStatus(types: BoardTypes, statusId: string): Status | undefined {
  const all = readStatuses(types);
  for (const group of STATUS_GROUPS) {
    const found = all[group].find((s) => s.id === statusId);
    if (found) return found;
  }
  return undefined;
}

function writeStatus(types: BoardTypes, status: Status, ctx: OperationContext): void {
  types.doc.transact(() => types.statuses.set(status.id, storedShape(status)), ctx.origin);
}

/** A status as stored: its id is the key, `builtIn` is known from the id. */
function storedShape(status: Status) {
  const { group, name, color, rank, archived, movedTo } = status;
  return movedTo ? { group, name, color, rank, archived, movedTo } : { group, name, color, rank, archived };
}
