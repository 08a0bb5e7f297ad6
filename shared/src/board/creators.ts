import type * as Y from 'yjs';
import { z } from 'zod';
import { appendActivity, randomId } from './activity.ts';
import { boardTypes, getCell, setCells, type BoardTypes } from './boardTypes.ts';
import {
  cellsByCreator,
  cellsOf,
  creatorExists,
  legacyProfile,
  readCreatorProfile,
  writeCells,
} from './creatorCells.ts';
import { emptyCells, fieldKey, profileFromCells, readSet, type CreatorCells } from './creatorFields.ts';
import { handleKey, urlKey } from './handles.ts';
import {
  emptyWrites,
  newProfileWrites,
  profileWrites,
  writeSet,
  type CellWrites,
  type FieldChange,
  type ProfileChanges,
} from './profileWrites.ts';
import { rankBetween, ranksAfter } from './rank.ts';
import { readFee, readStatus } from './readBoard.ts';
import {
  INITIAL_STATUS,
  STATUS_GROUPS,
  feeSchema,
  newCreatorSchema,
  profilePatchSchema,
  type OperationContext,
  type OperationResult,
  type StatusGroup,
} from './schema.ts';
import { parseOperationInput } from './validation.ts';

const idSchema = z.string().min(1).max(64);
const idsSchema = z.array(idSchema).min(1).max(20_000);
const groupSchema = z.enum(STATUS_GROUPS);

export const addCreatorsSchema = z.object({
  /** Profiles of the creators to add. */
  creators: z.array(newCreatorSchema).min(1).max(20_000),
});

/**
 * Adds creators at the end of the board, in Prospect / No contract / Not paid. A creator whose
 * handle (same platform) or profile URL is already on the board, or earlier in the same list, is
 * not added: it is reported in `duplicates` instead.
 */
export function addCreators(
  doc: Y.Doc,
  input: unknown,
  ctx: OperationContext,
): OperationResult<{ ids: string[]; duplicates: string[] }> {
  const parsed = parseOperationInput(addCreatorsSchema, input);
  if (!parsed.ok) return parsed;
  const types = boardTypes(doc);
  const known = existingIdentities(types);
  const fresh: { id: string; profile: z.infer<typeof newCreatorSchema> }[] = [];
  const duplicates: string[] = [];
  const newId = ctx.newId ?? randomId;
  for (const profile of parsed.value.creators) {
    const keys = identityKeys(profile);
    if (keys.some((key) => known.has(key))) {
      duplicates.push(profile.name);
      continue;
    }
    keys.forEach((key) => known.add(key));
    fresh.push({ id: newId(), profile });
  }
  const ranks = ranksAfter(maxRank(types), fresh.length);
  doc.transact(() => {
    const writes = emptyWrites();
    for (const { id, profile } of fresh) newProfileWrites(id, profile).set.forEach((v, k) => writes.set.set(k, v));
    writeCells(types, writes);
    for (const group of STATUS_GROUPS) {
      setCells(types, group, new Map(fresh.map(({ id }) => [id, INITIAL_STATUS[group]])));
    }
    setCells(types, 'rank', new Map(fresh.map(({ id }, i) => [id, ranks[i]])));
    setCells(types, 'createdAt', new Map(fresh.map(({ id }) => [id, ctx.now])));
    appendActivity(
      fresh.map(({ id, profile }) => ({ creatorId: id, creatorName: profile.name, kind: 'added' as const })),
      ctx,
    );
  }, ctx.origin);
  return { ok: true, ids: fresh.map((f) => f.id), duplicates };
}

export const updateProfileSchema = z.object({
  creatorId: idSchema,
  /** Fields to change; `null` clears a field. */
  patch: z.record(z.string(), z.unknown()),
});

/**
 * Changes profile fields of one creator. Only the fields given are written, and of a list or set
 * only the members that changed, so teammates editing other fields (or adding to the same list)
 * keep their edits. Each changed field is recorded in the activity history.
 */
export function updateProfile(doc: Y.Doc, input: unknown, ctx: OperationContext): OperationResult {
  const parsed = parseOperationInput(updateProfileSchema, input);
  if (!parsed.ok) return parsed;
  const { creatorId, patch } = parsed.value;
  const types = boardTypes(doc);
  const current = readCreatorProfile(types, creatorId);
  if (!current) return { ok: false, reason: 'creator_not_found' };
  const cleared = Object.keys(patch).filter((key) => patch[key] === null);
  const changes = parseOperationInput(
    profilePatchSchema,
    Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== null)),
  );
  if (!changes.ok) return changes;
  if (cleared.includes('name')) return { ok: false, reason: 'name: is required' };
  const next: ProfileChanges = { ...changes.value };
  for (const key of cleared) if (key in current || key === 'audience') (next as Record<string, null>)[key] = null;
  const cells = legacyProfile(types, creatorId) ? emptyCells() : cellsOf(types, creatorId);
  const writes = profileWrites(creatorId, current, cells, next);
  if (writes.set.size === 0 && writes.remove.size === 0) return { ok: true };
  doc.transact(() => {
    migrateCreator(types, creatorId);
    writeCells(types, writes);
    recordFieldChanges(types, creatorId, writes.changes, ctx, current.name);
  }, ctx.origin);
  return { ok: true };
}

/**
 * Moves one creator from a schema-1/2 profile value into cells (inside a transaction), so an
 * edit never mixes the two. migrateBoard does this for every creator at once.
 */
export function migrateCreator(types: BoardTypes, creatorId: string): void {
  const writes = migrationWrites(types, creatorId, cellsOf(types, creatorId));
  if (!writes) return;
  writeCells(types, writes);
  types.profiles.deleteMany(new Set([creatorId]));
}

/** The cell writes that move a schema-1/2 creator into cells, or null when it has nothing to move. */
export function migrationWrites(types: BoardTypes, creatorId: string, cells: CreatorCells): CellWrites | null {
  const legacy = legacyProfile(types, creatorId);
  const hasLegacyTags = types.cells.has(`${creatorId}:tags`);
  if (!legacy && !hasLegacyTags) return null;
  const writes = emptyWrites();
  if (legacy) {
    newProfileWrites(creatorId, profileFromCells(cells, legacy)).set.forEach((value, key) => {
      if (!types.cells.has(key)) writes.set.set(key, value);
    });
  }
  if (hasLegacyTags) {
    writes.remove.add(`${creatorId}:tags`);
    if (!cells.members.tags?.size) writeSet(writes, creatorId, cells, 'tags', [], legacyTags(types, creatorId));
  }
  return writes;
}

/** Writes one activity entry per changed field. */
function recordFieldChanges(
  types: BoardTypes,
  creatorId: string,
  changes: FieldChange[],
  ctx: OperationContext,
  creatorName = nameOf(types, creatorId),
): void {
  appendActivity(
    changes.map((change) => ({ creatorId, creatorName, kind: 'field' as const, ...change })),
    ctx,
  );
}

export const setStatusSchema = z.object({
  creatorIds: idsSchema,
  group: groupSchema,
  statusId: idSchema,
});

/** Sets one group's status of one or many creators (bulk status change) and records each move. */
export function setStatus(doc: Y.Doc, input: unknown, ctx: OperationContext): OperationResult<{ changed: number }> {
  const parsed = parseOperationInput(setStatusSchema, input);
  if (!parsed.ok) return parsed;
  const { creatorIds, group, statusId } = parsed.value;
  const types = boardTypes(doc);
  const status = readStatus(types, group, statusId);
  if (!status) return { ok: false, reason: 'status_not_found' };
  if (status.archived) return { ok: false, reason: 'status_archived' };
  const moves = creatorIds.filter((id) => creatorExists(types, id) && currentStatus(types, id, group) !== statusId);
  if (creatorIds.some((id) => !creatorExists(types, id))) return { ok: false, reason: 'creator_not_found' };
  doc.transact(() => writeStatuses(types, moves, group, statusId, ctx), ctx.origin);
  return { ok: true, changed: moves.length };
}

export const moveCreatorSchema = z.object({
  creatorId: idSchema,
  group: groupSchema,
  statusId: idSchema,
  /** The creator that will sit just above it in the column, or null for the top. */
  afterId: idSchema.nullable().optional(),
  /** The creator that will sit just below it, or null for the bottom. */
  beforeId: idSchema.nullable().optional(),
});

/** A kanban drop: sets the status in the board's current group and places the card between two neighbours. */
export function moveCreator(doc: Y.Doc, input: unknown, ctx: OperationContext): OperationResult {
  const parsed = parseOperationInput(moveCreatorSchema, input);
  if (!parsed.ok) return parsed;
  const { creatorId, group, statusId, afterId, beforeId } = parsed.value;
  const types = boardTypes(doc);
  if (!creatorExists(types, creatorId)) return { ok: false, reason: 'creator_not_found' };
  const status = readStatus(types, group, statusId);
  if (!status || status.archived) return { ok: false, reason: status ? 'status_archived' : 'status_not_found' };
  const rankOf = (id: string | null | undefined) => {
    const rank = id ? getCell(types, id, 'rank') : null;
    return typeof rank === 'string' ? rank : null;
  };
  const rank = rankBetween(rankOf(afterId), rankOf(beforeId));
  doc.transact(() => {
    if (currentStatus(types, creatorId, group) !== statusId) writeStatuses(types, [creatorId], group, statusId, ctx);
    types.cells.set(fieldKey(creatorId, 'rank'), rank);
  }, ctx.origin);
  return { ok: true };
}

export const assignSchema = z.object({
  creatorIds: idsSchema,
  /** A member's user id, or null to unassign. */
  assignee: idSchema.nullable(),
});

/** Assigns one or many creators to a teammate (or nobody). */
export function assignCreators(doc: Y.Doc, input: unknown, ctx: OperationContext): OperationResult {
  const parsed = parseOperationInput(assignSchema, input);
  if (!parsed.ok) return parsed;
  const types = boardTypes(doc);
  const ids = parsed.value.creatorIds.filter((id) => creatorExists(types, id));
  if (ids.length !== parsed.value.creatorIds.length) return { ok: false, reason: 'creator_not_found' };
  const assignee = parsed.value.assignee;
  const moves = ids.filter((id) => (getCell(types, id, 'assignee') ?? null) !== assignee);
  doc.transact(() => {
    setCells(types, 'assignee', new Map(moves.map((id) => [id, assignee])));
    for (const id of moves) {
      const from = getCell(types, id, 'assignee');
      recordFieldChanges(
        types,
        id,
        [{ field: 'assignee', from: typeof from === 'string' ? from : '', to: assignee ?? '' }],
        ctx,
      );
    }
  }, ctx.origin);
  return { ok: true };
}

const tagSchema = z.string().trim().min(1).max(40);
export const tagSchemaInput = z.object({
  creatorIds: idsSchema,
  /** Tags to add to each creator. */
  add: z.array(tagSchema).max(20).default([]),
  /** Tags to remove from each creator. */
  remove: z.array(tagSchema).max(20).default([]),
});

/** Adds and removes tags on one or many creators (bulk tag). */
export function tagCreators(doc: Y.Doc, input: unknown, ctx: OperationContext): OperationResult {
  const parsed = parseOperationInput(tagSchemaInput, input);
  if (!parsed.ok) return parsed;
  const { creatorIds, add, remove } = parsed.value;
  const types = boardTypes(doc);
  if (creatorIds.some((id) => !creatorExists(types, id))) return { ok: false, reason: 'creator_not_found' };
  const removing = new Set(remove);
  // Read every creator's tags before writing: the cell grouping is rebuilt after a write.
  const before = new Map(creatorIds.map((id) => [id, { tags: readTags(types, id), cells: cellsOf(types, id) }]));
  doc.transact(() => {
    const writes = emptyWrites();
    for (const [id, { tags, cells }] of before) {
      migrateCreator(types, id);
      const after = [...tags.filter((tag) => !removing.has(tag)), ...add.filter((tag) => !tags.includes(tag))];
      const own = emptyWrites();
      writeSet(own, id, cells, 'tags', tags, after.slice(0, 30));
      own.set.forEach((value, key) => writes.set.set(key, value));
      own.remove.forEach((key) => writes.remove.add(key));
      recordFieldChanges(types, id, own.changes, ctx);
    }
    writeCells(types, writes);
  }, ctx.origin);
  return { ok: true };
}

function readTags(types: BoardTypes, creatorId: string): string[] {
  const cells = cellsOf(types, creatorId);
  if (cells.members.tags?.size) return readSet(cells, 'tags', 40) ?? [];
  return legacyTags(types, creatorId);
}

/** Schema 2 kept a creator's tags as one list in `<creatorId>:tags`. */
function legacyTags(types: BoardTypes, creatorId: string): string[] {
  const value = types.cells.get(`${creatorId}:tags`);
  return Array.isArray(value)
    ? value.filter((t): t is string => typeof t === 'string' && t.length > 0).slice(0, 30)
    : [];
}

export const setFeeSchema = z.object({ creatorId: idSchema, fee: feeSchema.nullable() });

/** Sets or clears a creator's fee (amount and currency). */
export function setFee(doc: Y.Doc, input: unknown, ctx: OperationContext): OperationResult {
  const parsed = parseOperationInput(setFeeSchema, input);
  if (!parsed.ok) return parsed;
  const types = boardTypes(doc);
  if (!creatorExists(types, parsed.value.creatorId)) return { ok: false, reason: 'creator_not_found' };
  const { creatorId, fee } = parsed.value;
  const before = readFee(getCell(types, creatorId, 'fee'));
  if (shownFee(before) === shownFee(fee)) return { ok: true };
  doc.transact(() => {
    types.cells.set(fieldKey(creatorId, 'fee'), fee);
    recordFieldChanges(types, creatorId, [{ field: 'fee', from: shownFee(before), to: shownFee(fee) }], ctx);
  }, ctx.origin);
  return { ok: true };
}

export const removeSchema = z.object({ creatorIds: idsSchema });

/** Removes creators from the board (restorable). */
export function removeCreators(doc: Y.Doc, input: unknown, ctx: OperationContext): OperationResult {
  return setRemoved(doc, input, ctx, true);
}

/** Brings removed creators back. */
export function restoreCreators(doc: Y.Doc, input: unknown, ctx: OperationContext): OperationResult {
  return setRemoved(doc, input, ctx, false);
}

function setRemoved(doc: Y.Doc, input: unknown, ctx: OperationContext, removed: boolean): OperationResult {
  const parsed = parseOperationInput(removeSchema, input);
  if (!parsed.ok) return parsed;
  const types = boardTypes(doc);
  const ids = parsed.value.creatorIds.filter(
    (id) => creatorExists(types, id) && (getCell(types, id, 'removed') === true) !== removed,
  );
  doc.transact(() => {
    setCells(types, 'removed', new Map(ids.map((id) => [id, removed])));
    appendActivity(
      ids.map((id) => ({
        creatorId: id,
        creatorName: nameOf(types, id),
        kind: removed ? ('removed' as const) : ('restored' as const),
      })),
      ctx,
    );
  }, ctx.origin);
  return { ok: true };
}

/** Writes statuses and their activity (inside a transaction). Shared with status archiving. */
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
      creatorName: nameOf(types, id),
      kind: 'status' as const,
      group,
      from: from.get(id),
      to: statusId,
    })),
    ctx,
  );
}

function currentStatus(types: BoardTypes, creatorId: string, group: StatusGroup): string {
  const value = getCell(types, creatorId, group);
  return typeof value === 'string' ? value : INITIAL_STATUS[group];
}

function nameOf(types: BoardTypes, creatorId: string): string {
  const name = getCell(types, creatorId, 'name');
  return typeof name === 'string' ? name : (legacyProfile(types, creatorId)?.name ?? '');
}

function shownFee(fee: { amount: number; currency: string } | null): string {
  return fee ? `${fee.amount} ${fee.currency}` : '';
}

function maxRank(types: BoardTypes): string | null {
  let max: string | null = null;
  for (const cells of cellsByCreator(types).values()) {
    const rank = cells.values.rank;
    if (typeof rank === 'string' && (max === null || rank > max)) max = rank;
  }
  return max;
}

function identityKeys(profile: { handles?: { platform: string; handle: string }[]; profileUrl?: string }): string[] {
  const keys = (profile.handles ?? []).map((h) => handleKey(h.platform, h.handle));
  if (profile.profileUrl) keys.push(urlKey(profile.profileUrl));
  return keys;
}

function existingIdentities(types: BoardTypes): Set<string> {
  const known = new Set<string>();
  const ids = new Set([...cellsByCreator(types).keys(), ...types.profiles.map.keys()]);
  for (const id of ids) {
    const profile = readCreatorProfile(types, id);
    if (!profile || getCell(types, id, 'removed') === true) continue;
    identityKeys(profile).forEach((key) => known.add(key));
  }
  return known;
}
