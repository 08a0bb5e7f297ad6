import type * as Y from 'yjs';
import { z } from 'zod';
import { defineOperation, refuse, type OperationContext } from '../../operations/operation.ts';
import { parseInput } from '../../problem.ts';
import { appendActivity, randomId } from '../activity/activity.ts';
import { boardTypes, getCell, setCells, type BoardTypes } from '../document/boardTypes.ts';
import { rankBetween, ranksAfter } from '../document/rank.ts';
import { overridePaymentStatus } from '../payments/operations.ts';
import { currentStatus, writeStatuses } from '../statuses/creatorStatuses.ts';
import { readStatus } from '../statuses/readStatuses.ts';
import { INITIAL_STATUS, STATUS_GROUPS } from '../statuses/status.ts';
import { feeSchema, newCreatorSchema, profilePatchSchema, type ProfilePatch } from './creator.ts';
import {
  cellsByCreator,
  cellsOf,
  creatorExists,
  creatorName,
  legacyProfile,
  readCreatorProfile,
  writeCells,
} from './creatorCells.ts';
import { FIELD_LABELS, emptyCells, fieldKey } from './creatorFields.ts';
import { readFee } from './fees.ts';
import { handleKey, urlKey } from './handles.ts';
import { migrateCreator, readTags } from './migrateCreator.ts';
import {
  emptyWrites,
  newProfileWrites,
  profileWrites,
  writeSet,
  type FieldChange,
  type ProfileChanges,
} from './profileWrites.ts';

const idSchema = z.string().min(1).max(64);
const idsSchema = z.array(idSchema).min(1).max(20_000);
const groupSchema = z.enum(STATUS_GROUPS);

// Sentences shared by several operations.
const CREATOR_GONE = 'That creator is no longer on the board.';
const CREATORS_GONE = 'Some of these creators are no longer on the board.';
const STATUS_GONE = 'That status no longer exists.';
const STATUS_ARCHIVED = 'That status was archived; choose another one.';

/**
 * Adds creators at the end of the board, in Prospect / No contract / Not paid. A creator whose
 * handle (same platform) or profile URL is already on the board, or earlier in the same list, is
 * not added: it is reported in `duplicates` instead.
 */
export const addCreators = defineOperation({
  name: 'addCreators',
  action: 'board.edit',
  input: z.object({
    /** Profiles of the creators to add. */
    creators: z.array(newCreatorSchema).min(1).max(20_000),
  }),
  failures: {},
  run(doc, input, ctx) {
    const types = boardTypes(doc);
    const known = existingIdentities(types);
    const fresh: { id: string; profile: z.output<typeof newCreatorSchema> }[] = [];
    const duplicates: string[] = [];
    const newId = ctx.newId ?? randomId;
    for (const profile of input.creators) {
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
  },
});

/** A profile change as callers write it: the fields to change, `null` to clear one. */
export type ProfilePatchInput = {
  [K in keyof z.input<typeof profilePatchSchema>]?: z.input<typeof profilePatchSchema>[K] | null;
};

const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Changes profile fields of one creator. Only the fields given are written, and of a list or set
 * only the members that changed, so teammates editing other fields (or adding to the same list)
 * keep their edits. Each changed field is recorded in the activity history. A refused value is
 * reported with the profile field's own name (`followers`, `audience.countries`) as `field`.
 */
export const updateProfile = defineOperation({
  name: 'updateProfile',
  action: 'board.edit',
  input: z.object({
    creatorId: idSchema,
    /** Fields to change; `null` clears a field. Checked field by field in `run`, so a problem names the field. */
    patch: z.custom<ProfilePatchInput>(isObject, { message: 'must be a set of profile fields' }),
  }),
  failures: {
    creator_not_found: CREATOR_GONE,
    name_required: 'Name is required.',
  },
  run(doc, { creatorId, patch }, ctx) {
    const types = boardTypes(doc);
    const current = readCreatorProfile(types, creatorId);
    if (!current) return refuse('creator_not_found');
    const fields = patch as Record<string, unknown>;
    const cleared = Object.keys(fields).filter((key) => fields[key] === null);
    if (cleared.includes('name')) return refuse('name_required', { field: 'name' });
    const changes = parseInput(
      profilePatchSchema,
      Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null)),
      FIELD_LABELS,
    );
    if (!changes.ok) return changes;
    const next: ProfileChanges = { ...(changes.value as ProfilePatch) };
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
  },
});

/** Writes one activity entry per changed field. */
function recordFieldChanges(
  types: BoardTypes,
  creatorId: string,
  changes: FieldChange[],
  ctx: OperationContext,
  name = creatorName(types, creatorId),
): void {
  appendActivity(
    changes.map((change) => ({ creatorId, creatorName: name, kind: 'field' as const, ...change })),
    ctx,
  );
}

/** Sets one group's status of one or many creators (bulk status change) and records each move. */
export const setStatus = defineOperation({
  name: 'setStatus',
  action: 'board.edit',
  input: z.object({
    creatorIds: idsSchema,
    group: groupSchema,
    statusId: idSchema,
  }),
  failures: {
    status_not_found: STATUS_GONE,
    status_archived: STATUS_ARCHIVED,
    creator_not_found: CREATORS_GONE,
  },
  run(doc, { creatorIds, group, statusId }, ctx) {
    const types = boardTypes(doc);
    const status = readStatus(types, group, statusId);
    if (!status) return refuse('status_not_found', { field: 'statusId' });
    if (status.archived) return refuse('status_archived', { field: 'statusId' });
    if (creatorIds.some((id) => !creatorExists(types, id))) return refuse('creator_not_found');
    const moves = creatorIds.filter((id) => currentStatus(types, id, group) !== statusId);
    doc.transact(() => {
      writeStatuses(types, moves, group, statusId, ctx);
      if (group === 'payment') overridePaymentStatus(types, creatorIds, statusId, ctx);
    }, ctx.origin);
    return { ok: true, changed: moves.length };
  },
});

/** A kanban drop: sets the status in the board's current group and places the card between two neighbours. */
export const moveCreator = defineOperation({
  name: 'moveCreator',
  action: 'board.edit',
  input: z.object({
    creatorId: idSchema,
    group: groupSchema,
    statusId: idSchema,
    /** The creator that will sit just above it in the column, or null for the top. */
    afterId: idSchema.nullable().optional(),
    /** The creator that will sit just below it, or null for the bottom. */
    beforeId: idSchema.nullable().optional(),
  }),
  failures: {
    creator_not_found: CREATOR_GONE,
    status_not_found: STATUS_GONE,
    status_archived: STATUS_ARCHIVED,
  },
  run(doc, { creatorId, group, statusId, afterId, beforeId }, ctx) {
    const types = boardTypes(doc);
    if (!creatorExists(types, creatorId)) return refuse('creator_not_found');
    const status = readStatus(types, group, statusId);
    if (!status) return refuse('status_not_found', { field: 'statusId' });
    if (status.archived) return refuse('status_archived', { field: 'statusId' });
    const rankOf = (id: string | null | undefined) => {
      const rank = id ? getCell(types, id, 'rank') : null;
      return typeof rank === 'string' ? rank : null;
    };
    const rank = rankBetween(rankOf(afterId), rankOf(beforeId));
    doc.transact(() => {
      if (currentStatus(types, creatorId, group) !== statusId) writeStatuses(types, [creatorId], group, statusId, ctx);
      if (group === 'payment') overridePaymentStatus(types, [creatorId], statusId, ctx);
      types.cells.set(fieldKey(creatorId, 'rank'), rank);
    }, ctx.origin);
    return { ok: true };
  },
});

/** Assigns one or many creators to a teammate (or nobody). */
export const assignCreators = defineOperation({
  name: 'assignCreators',
  action: 'board.edit',
  input: z.object({
    creatorIds: idsSchema,
    /** A member's user id, or null to unassign. */
    assignee: idSchema.nullable(),
  }),
  failures: { creator_not_found: CREATORS_GONE },
  run(doc, { creatorIds, assignee }, ctx) {
    const types = boardTypes(doc);
    if (creatorIds.some((id) => !creatorExists(types, id))) return refuse('creator_not_found');
    const moves = creatorIds.filter((id) => (getCell(types, id, 'assignee') ?? null) !== assignee);
    doc.transact(() => {
      const before = new Map(moves.map((id) => [id, getCell(types, id, 'assignee')]));
      setCells(types, 'assignee', new Map(moves.map((id) => [id, assignee])));
      for (const id of moves) {
        const from = before.get(id);
        recordFieldChanges(
          types,
          id,
          [{ field: 'assignee', from: typeof from === 'string' ? from : '', to: assignee ?? '' }],
          ctx,
        );
      }
    }, ctx.origin);
    return { ok: true };
  },
});

const tagSchema = z.string().trim().min(1).max(40);

/** Adds and removes tags on one or many creators (bulk tag). */
export const tagCreators = defineOperation({
  name: 'tagCreators',
  action: 'board.edit',
  input: z.object({
    creatorIds: idsSchema,
    /** Tags to add to each creator. */
    add: z.array(tagSchema).max(20).default([]),
    /** Tags to remove from each creator. */
    remove: z.array(tagSchema).max(20).default([]),
  }),
  failures: { creator_not_found: CREATORS_GONE },
  run(doc, { creatorIds, add, remove }, ctx) {
    const types = boardTypes(doc);
    if (creatorIds.some((id) => !creatorExists(types, id))) return refuse('creator_not_found');
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
  },
});

/** Sets or clears a creator's fee (amount and currency). */
export const setFee = defineOperation({
  name: 'setFee',
  action: 'board.edit',
  input: z.object({ creatorId: idSchema, fee: feeSchema.nullable() }),
  failures: { creator_not_found: CREATOR_GONE },
  run(doc, { creatorId, fee }, ctx) {
    const types = boardTypes(doc);
    if (!creatorExists(types, creatorId)) return refuse('creator_not_found');
    const before = readFee(getCell(types, creatorId, 'fee'));
    if (shownFee(before) === shownFee(fee)) return { ok: true };
    doc.transact(() => {
      types.cells.set(fieldKey(creatorId, 'fee'), fee);
      recordFieldChanges(types, creatorId, [{ field: 'fee', from: shownFee(before), to: shownFee(fee) }], ctx);
    }, ctx.origin);
    return { ok: true };
  },
});

const removalInput = z.object({ creatorIds: idsSchema });

/** Removes creators from the board (restorable). Creators already gone or removed are skipped. */
export const removeCreators = defineOperation({
  name: 'removeCreators',
  action: 'board.edit',
  input: removalInput,
  failures: {},
  run: (doc, { creatorIds }, ctx) => setRemoved(doc, creatorIds, ctx, true),
});

/** Brings removed creators back. */
export const restoreCreators = defineOperation({
  name: 'restoreCreators',
  action: 'board.edit',
  input: removalInput,
  failures: {},
  run: (doc, { creatorIds }, ctx) => setRemoved(doc, creatorIds, ctx, false),
});

function setRemoved(doc: Y.Doc, creatorIds: string[], ctx: OperationContext, removed: boolean): { ok: true } {
  const types = boardTypes(doc);
  const ids = creatorIds.filter(
    (id) => creatorExists(types, id) && (getCell(types, id, 'removed') === true) !== removed,
  );
  doc.transact(() => {
    setCells(types, 'removed', new Map(ids.map((id) => [id, removed])));
    appendActivity(
      ids.map((id) => ({
        creatorId: id,
        creatorName: creatorName(types, id),
        kind: removed ? ('removed' as const) : ('restored' as const),
      })),
      ctx,
    );
  }, ctx.origin);
  return { ok: true };
}

function shownFee(fee: { amount: number; currency: string } | null): string {
  return fee ? `${fee.amount} ${fee.currency}` : '';
}

/** The highest rank on the board (new creators go after it), or null when it has none. */
export function maxRank(types: BoardTypes): string | null {
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
