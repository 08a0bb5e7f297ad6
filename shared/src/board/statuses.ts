import type * as Y from 'yjs';
import { z } from 'zod';
import { colorSchema } from '../color.ts';
import { randomId } from './activity.ts';
import { boardTypes, getCell, type BoardTypes } from './boardTypes.ts';
import { writeStatuses } from './creators.ts';
import { rankBetween } from './rank.ts';
import { cellsByCreator, creatorExists } from './creatorCells.ts';
import { readStatuses } from './readBoard.ts';
import {
  INITIAL_STATUS,
  STATUS_GROUPS,
  statusNameSchema,
  type OperationContext,
  type OperationResult,
  type Status,
  type StatusGroup,
} from './schema.ts';
import { parseOperationInput } from './validation.ts';

const idSchema = z.string().min(1).max(64);

export const createStatusSchema = z.object({
  group: z.enum(STATUS_GROUPS),
  name: statusNameSchema,
  color: colorSchema.default('#94a3b8'),
  /** Place it after this status; omitted: at the end of the group. */
  afterId: idSchema.optional(),
});

/** Adds a custom status to a group. */
export function createStatus(doc: Y.Doc, input: unknown, ctx: OperationContext): OperationResult<{ id: string }> {
  const parsed = parseOperationInput(createStatusSchema, input);
  if (!parsed.ok) return parsed;
  const { group, name, color, afterId } = parsed.value;
  const types = boardTypes(doc);
  const list = readStatuses(types)[group];
  if (list.some((s) => !s.archived && s.name.toLowerCase() === name.toLowerCase())) {
    return { ok: false, reason: 'name: a status with this name already exists' };
  }
  const index = afterId ? list.findIndex((s) => s.id === afterId) : list.length - 1;
  const rank = rankBetween(list[index]?.rank ?? null, list[index + 1]?.rank ?? null);
  const id = `${group}.custom-${(ctx.newId ?? randomId)()}`;
  doc.transact(() => types.statuses.set(id, { group, name, color, rank, archived: false }), ctx.origin);
  return { ok: true, id };
}

export const updateStatusSchema = z.object({
  statusId: idSchema,
  name: statusNameSchema.optional(),
  color: colorSchema.optional(),
});

/** Renames and/or recolours a status. */
export function updateStatus(doc: Y.Doc, input: unknown, ctx: OperationContext): OperationResult {
  const parsed = parseOperationInput(updateStatusSchema, input);
  if (!parsed.ok) return parsed;
  const { statusId, name, color } = parsed.value;
  const types = boardTypes(doc);
  const status = findStatus(types, statusId);
  if (!status) return { ok: false, reason: 'status_not_found' };
  writeStatus(types, { ...status, name: name ?? status.name, color: color ?? status.color }, ctx);
  return { ok: true };
}

export const moveStatusSchema = z.object({
  statusId: idSchema,
  /** The status it will follow, or null to become first. */
  afterId: idSchema.nullable(),
});

/** Reorders a status within its group. */
export function moveStatus(doc: Y.Doc, input: unknown, ctx: OperationContext): OperationResult {
  const parsed = parseOperationInput(moveStatusSchema, input);
  if (!parsed.ok) return parsed;
  const types = boardTypes(doc);
  const status = findStatus(types, parsed.value.statusId);
  if (!status) return { ok: false, reason: 'status_not_found' };
  const others = readStatuses(types)[status.group].filter((s) => s.id !== status.id);
  const index = parsed.value.afterId === null ? -1 : others.findIndex((s) => s.id === parsed.value.afterId);
  if (parsed.value.afterId !== null && index < 0) return { ok: false, reason: 'status_not_found' };
  const rank = rankBetween(others[index]?.rank ?? null, others[index + 1]?.rank ?? null);
  writeStatus(types, { ...status, rank }, ctx);
  return { ok: true };
}

export const archiveStatusSchema = z.object({
  statusId: idSchema,
  /** Where its creators go. Required when any creator is in it. */
  moveTo: idSchema.optional(),
});

/**
 * Archives a status. A status in use cannot silently vanish: its creators move to `moveTo` (a
 * live status of the same group), each move recorded in the activity history. A creator that a
 * teammate moves into the status concurrently is shown by `readBoard` in `moveTo` too (the
 * archived status remembers it), so no creator disappears from the board.
 */
export function archiveStatus(doc: Y.Doc, input: unknown, ctx: OperationContext): OperationResult<{ moved: number }> {
  const parsed = parseOperationInput(archiveStatusSchema, input);
  if (!parsed.ok) return parsed;
  const { statusId, moveTo } = parsed.value;
  const types = boardTypes(doc);
  const status = findStatus(types, statusId);
  if (!status) return { ok: false, reason: 'status_not_found' };
  const live = readStatuses(types)[status.group].filter((s) => !s.archived && s.id !== statusId);
  if (live.length === 0) return { ok: false, reason: 'last_status' };
  const inUse = creatorsIn(types, status.group, statusId);
  const target = moveTo ? live.find((s) => s.id === moveTo) : undefined;
  if (moveTo && !target) return { ok: false, reason: 'moveTo: must be a live status of the same group' };
  if (inUse.length > 0 && !target)
    return { ok: false, reason: 'moveTo: is required while creators are in this status' };
  doc.transact(() => {
    if (target) writeStatuses(types, inUse, status.group, target.id, ctx);
    types.statuses.set(statusId, storedShape({ ...status, archived: true, movedTo: target?.id }));
  }, ctx.origin);
  return { ok: true, moved: inUse.length };
}

/** Brings an archived status back. */
export function restoreStatus(doc: Y.Doc, input: unknown, ctx: OperationContext): OperationResult {
  const parsed = parseOperationInput(z.object({ statusId: idSchema }), input);
  if (!parsed.ok) return parsed;
  const types = boardTypes(doc);
  const status = findStatus(types, parsed.value.statusId);
  if (!status) return { ok: false, reason: 'status_not_found' };
  writeStatus(types, { ...status, archived: false, movedTo: undefined }, ctx);
  return { ok: true };
}

/** Creators (not removed) whose status in a group is the given one. */
export function creatorsIn(types: BoardTypes, group: StatusGroup, statusId: string): string[] {
  const ids: string[] = [];
  for (const id of new Set([...cellsByCreator(types).keys(), ...types.profiles.map.keys()])) {
    if (!creatorExists(types, id) || getCell(types, id, 'removed') === true) continue;
    const value = getCell(types, id, group);
    if ((typeof value === 'string' ? value : INITIAL_STATUS[group]) === statusId) ids.push(id);
  }
  return ids;
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

function storedShape(status: Status) {
  const { group, name, color, rank, archived, movedTo } = status;
  return movedTo ? { group, name, color, rank, archived, movedTo } : { group, name, color, rank, archived };
}
