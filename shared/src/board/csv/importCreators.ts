import { z } from 'zod';
import { defineOperation, refuse, type OperationContext } from '../../operations/operation.ts';
import { appendActivity, randomId } from '../activity/activity.ts';
import { boardTypes, getCell, setCells, type BoardTypes } from '../document/boardTypes.ts';
import { ranksAfter } from '../document/rank.ts';
import { feeSchema, profilePatchSchema, type Handle, type Profile, type ProfilePatch } from '../creators/creator.ts';
import { cellsByCreator, cellsOf, legacyProfile, readCreatorProfile, writeCells } from '../creators/creatorCells.ts';
import { emptyCells, fieldKey } from '../creators/creatorFields.ts';
import { readFee } from '../creators/fees.ts';
import { handleKey, nameForHandle, urlKey } from '../creators/handles.ts';
import { migrateCreator, readTags } from '../creators/migrateCreator.ts';
import { maxRank } from '../creators/operations.ts';
import { emptyWrites, newProfileWrites, profileWrites, writeSet, type CellWrites } from '../creators/profileWrites.ts';
import { currentStatus, writeStatuses } from '../statuses/creatorStatuses.ts';
import { readStatus } from '../statuses/readStatuses.ts';
import { INITIAL_STATUS, STATUS_GROUPS, type StatusGroup } from '../statuses/status.ts';

const idSchema = z.string().min(1).max(64);

/** One creator as a CSV row gives it: only the fields whose cell had a value. */
export const importRowSchema = z.object({
  /** Profile fields; one left out is left as it is on a creator already on the board. */
  profile: profilePatchSchema,
  /** The creator's tags (replacing its tags when it is already on the board). */
  tags: z.array(z.string().trim().min(1).max(40)).max(30).optional(),
  /** The fee and its currency. */
  fee: feeSchema.optional(),
  /** A status id per group. */
  statuses: z.object({ influencer: idSchema, contract: idSchema, payment: idSchema }).partial().optional(),
  /** A member's user id. */
  assignee: idSchema.optional(),
});
export type ImportRow = z.input<typeof importRowSchema>;
type Row = z.output<typeof importRowSchema>;

/**
 * Most rows one `importCreators` takes: a CSV import sends a file in batches of this many or
 * fewer. 200 rows of every field are a ~150 KB update that took 30–60 ms to apply in Node, so a
 * batch applied on the server (HTTP API, jobs) stalls it no longer than ~50 ms (SPEC §9).
 */
export const IMPORT_BATCH_LIMIT = 200;

/**
 * Adds creators from a CSV import, or updates those already on the board: a row whose handle
 * (same platform, ignoring case and "@") or profile URL belongs to a creator on the board updates
 * that creator — the fields the row has replace the stored ones, fields it lacks stay as they
 * are, and its handles are added to the creator's — instead of adding a duplicate. Rows of one
 * batch that name the same creator are merged in order. New creators start in the statuses the
 * row names, or in Prospect / No contract / Not paid. One transaction for the whole batch, so
 * teammates see the batch arrive at once and the server gets one update.
 */
export const importCreators = defineOperation({
  name: 'importCreators',
  action: 'board.edit',
  input: z.object({
    /** The rows, in file order. */
    rows: z
      .array(
        importRowSchema.refine((row) => row.profile.name || row.profile.handles?.length || row.profile.profileUrl, {
          message: 'needs a name, a handle or a profile URL',
        }),
      )
      .min(1)
      .max(IMPORT_BATCH_LIMIT),
  }),
  failures: {
    status_not_found: 'The status “{name}” is no longer on this board.',
    status_archived: 'The status “{name}” was archived; choose another one.',
  },
  run(doc, { rows }, ctx) {
    const types = boardTypes(doc);
    for (const row of rows) {
      for (const group of STATUS_GROUPS) {
        const id = row.statuses?.[group];
        if (!id) continue;
        const status = readStatus(types, group, id);
        if (!status) return refuse('status_not_found', { field: 'statuses', values: { name: id } });
        if (status.archived) return refuse('status_archived', { field: 'statuses', values: { name: status.name } });
      }
    }
    const targets = groupRows(types, rows, ctx.newId ?? randomId);
    // Everything is read before the transaction: the cell grouping is rebuilt after each write.
    const writes = emptyWrites();
    const updates: Update[] = [];
    const fresh: Target[] = [];
    for (const target of targets) {
      if (target.existing) updates.push(updateWrites(types, target, writes));
      else fresh.push(target);
    }
    for (const target of fresh) addWrites(target, writes);
    const ranks = ranksAfter(maxRank(types), fresh.length);
    doc.transact(() => {
      for (const { id } of updates) migrateCreator(types, id);
      writeCells(types, writes);
      setCells(types, 'rank', new Map(fresh.map(({ id }, i) => [id, ranks[i]])));
      setCells(types, 'createdAt', new Map(fresh.map(({ id }) => [id, ctx.now])));
      for (const group of STATUS_GROUPS) {
        setCells(
          types,
          group,
          new Map(fresh.map(({ id, row }) => [id, row.statuses?.[group] ?? INITIAL_STATUS[group]])),
        );
        writeStatusMoves(types, updates, group, ctx);
      }
      appendActivity(
        [
          ...fresh.map(({ id, row }) => ({ creatorId: id, creatorName: row.profile.name!, kind: 'added' as const })),
          ...updates.flatMap(({ id, name, changes }) =>
            changes.map((change) => ({ creatorId: id, creatorName: name, kind: 'field' as const, ...change })),
          ),
        ],
        ctx,
      );
    }, ctx.origin);
    const ids: string[] = [];
    for (const target of targets) for (const index of target.rows) ids[index] = target.id;
    /** The creator each row added or updated, in row order; how many were added and how many updated. */
    return { ok: true, ids, added: fresh.length, updated: updates.length };
  },
});

/** Where a batch's rows go: a creator on the board, or a new one; `rows` are the row indexes merged into it. */
interface Target {
  id: string;
  existing: boolean;
  row: Row;
  rows: number[];
}

interface Update {
  id: string;
  name: string;
  statuses: Partial<Record<StatusGroup, string>>;
  changes: CellWrites['changes'];
}

function identityKeys(profile: Pick<ProfilePatch, 'handles' | 'profileUrl'>): string[] {
  const keys = (profile.handles ?? []).map((h) => handleKey(h.platform, h.handle));
  for (const handle of profile.handles ?? []) if (handle.url) keys.push(urlKey(handle.url));
  if (profile.profileUrl) keys.push(urlKey(profile.profileUrl));
  return keys;
}

/**
 * The creators on the board (not removed) by handle and profile URL. Read from the stored cells:
 * a handle's member key is its `handleKey` already, so no profile is assembled (a batch of a
 * 10,000-row import reads this index once for the whole board).
 */
function boardIdentities(types: BoardTypes): Map<string, string> {
  const owner = new Map<string, string>();
  const claim = (key: string, id: string) => owner.has(key) || owner.set(key, id);
  for (const [id, cells] of cellsByCreator(types)) {
    if (!('name' in cells.values) || types.profiles.map.has(id) || cells.values.removed === true) continue;
    for (const [member, value] of cells.members.handles ?? []) {
      claim(member, id);
      const url = (value as { url?: unknown } | null)?.url;
      if (typeof url === 'string') claim(urlKey(url), id);
    }
    if (typeof cells.values.profileUrl === 'string') claim(urlKey(cells.values.profileUrl), id);
  }
  for (const id of types.profiles.map.keys()) {
    const profile = readCreatorProfile(types, id);
    if (profile && getCell(types, id, 'removed') !== true) for (const key of identityKeys(profile)) claim(key, id);
  }
  return owner;
}

function groupRows(types: BoardTypes, rows: Row[], newId: () => string): Target[] {
  const owner = boardIdentities(types);
  const targets: Target[] = [];
  const byId = new Map<string, Target>();
  rows.forEach((row, index) => {
    const keys = identityKeys(row.profile);
    const found = keys.map((key) => owner.get(key)).find((id) => id !== undefined);
    let target = found ? byId.get(found) : undefined;
    if (target) {
      target.row = mergeRows(target.row, row);
      target.rows.push(index);
    } else {
      target = { id: found ?? newId(), existing: found !== undefined, row, rows: [index] };
      byId.set(target.id, target);
      targets.push(target);
    }
    for (const key of keys) if (!owner.has(key)) owner.set(key, target.id);
  });
  return targets;
}

/** A later row for the same creator: its fields win, handles and audience breakdowns add up. */
function mergeRows(first: Row, later: Row): Row {
  return {
    profile: {
      ...first.profile,
      ...later.profile,
      handles: mergeHandles(first.profile.handles, later.profile.handles),
      audience:
        first.profile.audience || later.profile.audience
          ? { ...first.profile.audience, ...later.profile.audience }
          : undefined,
    },
    tags: later.tags ?? first.tags,
    fee: later.fee ?? first.fee,
    statuses: { ...first.statuses, ...later.statuses },
    assignee: later.assignee ?? first.assignee,
  };
}

function mergeHandles(before: Handle[] | undefined, added: Handle[] | undefined): Handle[] | undefined {
  if (!added?.length) return before;
  const known = new Set((before ?? []).map((h) => handleKey(h.platform, h.handle)));
  return [...(before ?? []), ...added.filter((h) => !known.has(handleKey(h.platform, h.handle)))].slice(0, 10);
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function addWrites({ id, row }: Target, writes: CellWrites): void {
  const firstHandle = row.profile.handles?.[0];
  row.profile.name ||= firstHandle ? nameForHandle(firstHandle) : urlName(row.profile.profileUrl);
  newProfileWrites(id, withoutUndefined(row.profile) as Partial<Profile>).set.forEach((v, k) => writes.set.set(k, v));
  if (row.tags?.length) {
    const own = emptyWrites();
    writeSet(own, id, emptyCells(), 'tags', [], row.tags);
    own.set.forEach((v, k) => writes.set.set(k, v));
  }
  if (row.fee) writes.set.set(fieldKey(id, 'fee'), row.fee);
  if (row.assignee) writes.set.set(fieldKey(id, 'assignee'), row.assignee);
}

/** A creator known only by a profile URL is called by the URL's host and path ("example.com/mia"). */
function urlName(url: string | undefined): string {
  return (url ?? 'Unnamed creator').replace(/^https?:\/\/(www\.)?/i, '').slice(0, 120);
}

function updateWrites(types: BoardTypes, { id, row }: Target, writes: CellWrites): Update {
  const current = readCreatorProfile(types, id)!;
  const cells = legacyProfile(types, id) ? emptyCells() : cellsOf(types, id);
  const next: Partial<Profile> = withoutUndefined({
    ...row.profile,
    handles: mergeHandles(current.handles, row.profile.handles),
    audience: row.profile.audience ? { ...current.audience, ...row.profile.audience } : undefined,
  });
  const own = profileWrites(id, current, cells, next);
  if (row.tags) writeSet(own, id, cells, 'tags', readTags(types, id), row.tags);
  const fee = readFee(getCell(types, id, 'fee'));
  if (row.fee && (fee?.amount !== row.fee.amount || fee.currency !== row.fee.currency)) {
    own.set.set(fieldKey(id, 'fee'), row.fee);
    own.changes.push({
      field: 'fee',
      from: fee ? `${fee.amount} ${fee.currency}` : '',
      to: `${row.fee.amount} ${row.fee.currency}`,
    });
  }
  const assignee = getCell(types, id, 'assignee');
  if (row.assignee && assignee !== row.assignee) {
    own.set.set(fieldKey(id, 'assignee'), row.assignee);
    own.changes.push({ field: 'assignee', from: typeof assignee === 'string' ? assignee : '', to: row.assignee });
  }
  own.set.forEach((v, k) => writes.set.set(k, v));
  own.remove.forEach((k) => writes.remove.add(k));
  const statuses: Partial<Record<StatusGroup, string>> = {};
  for (const group of STATUS_GROUPS) {
    const wanted = row.statuses?.[group];
    if (wanted && currentStatus(types, id, group) !== wanted) statuses[group] = wanted;
  }
  return { id, name: row.profile.name ?? current.name, statuses, changes: own.changes };
}

/** Status moves of updated creators, one `writeStatuses` per target status (each recorded in the history). */
function writeStatusMoves(types: BoardTypes, updates: Update[], group: StatusGroup, ctx: OperationContext): void {
  const byStatus = new Map<string, string[]>();
  for (const { id, statuses } of updates) {
    const statusId = statuses[group];
    if (statusId) byStatus.set(statusId, [...(byStatus.get(statusId) ?? []), id]);
  }
  for (const [statusId, ids] of byStatus) writeStatuses(types, ids, group, statusId, ctx);
}
