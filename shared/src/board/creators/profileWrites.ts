import { handleKey } from './handles.ts';
import {
  fieldKey,
  memberKey,
  PROFILE_SCALARS,
  type CollectionField,
  type CreatorCells,
  type KeyedField,
  type ProfileScalar,
  type SetField,
} from './creatorFields.ts';
import type { AudienceDemographics, Handle, Profile } from './creator.ts';

/** What a profile change writes: cells to set, cells to delete, and the changes people will read in the history. */
export interface CellWrites {
  set: Map<string, unknown>;
  remove: Set<string>;
  changes: FieldChange[];
}

/** One field's change, for the activity history (values as people read them). */
export interface FieldChange {
  field: string;
  from: string;
  to: string;
}

export function emptyWrites(): CellWrites {
  return { set: new Map(), remove: new Set(), changes: [] };
}

/** The new value of each patched field; `null` clears it. Lists and sets are given whole. */
export type ProfileChanges = { [K in keyof Profile]?: Profile[K] | null };

/**
 * Turns "these fields now have these values" into per-cell writes against what is stored:
 * only fields whose value changed are written, and for lists and sets only the members added,
 * changed or removed — so a teammate's concurrent addition to the same list is kept.
 */
export function profileWrites(id: string, current: Profile, cells: CreatorCells, next: ProfileChanges): CellWrites {
  const writes = emptyWrites();
  for (const field of PROFILE_SCALARS) {
    if (!(field in next)) continue;
    const value = next[field];
    const before = current[field];
    if (value === before || (value === null && before === undefined)) continue;
    if (value === null || value === undefined) writes.remove.add(fieldKey(id, field));
    else writes.set.set(fieldKey(id, field), value);
    writes.changes.push({ field, from: shown(before), to: shown(value ?? undefined) });
  }
  if ('categories' in next) writeSet(writes, id, cells, 'categories', current.categories, next.categories ?? []);
  if ('brandSafety' in next) writeSet(writes, id, cells, 'brandSafety', current.brandSafety, next.brandSafety ?? []);
  if ('handles' in next) writeHandles(writes, id, cells, current.handles, next.handles ?? []);
  if ('followerHistory' in next) {
    const points = (list: Profile['followerHistory']) => new Map(list.map((p) => [p.date, p.followers]));
    writeKeyed(writes, id, 'followerHistory', points(current.followerHistory), points(next.followerHistory ?? []));
  }
  if ('audience' in next) writeAudience(writes, id, cells, current.audience ?? {}, next.audience ?? {});
  return writes;
}

/** Cell writes for one set field going from `before` to `after` (members added get the next positions). */
export function writeSet(
  writes: CellWrites,
  id: string,
  cells: CreatorCells,
  field: SetField,
  before: readonly string[],
  after: readonly string[],
  label: string = field,
): void {
  const had = new Set(before);
  const wanted = new Set(after);
  const added = [...wanted].filter((member) => !had.has(member));
  const removed = [...had].filter((member) => !wanted.has(member));
  if (added.length === 0 && removed.length === 0) return;
  let order = highestOrder(cells.members[field], before.length);
  for (const member of added) writes.set.set(memberKey(id, field, member), ++order);
  for (const member of removed) writes.remove.add(memberKey(id, field, member));
  writes.changes.push({ field: label, from: before.join(', '), to: listAfter(before, added, removed).join(', ') });
}

function listAfter(before: readonly string[], added: string[], removed: string[]): string[] {
  const gone = new Set(removed);
  return [...before.filter((member) => !gone.has(member)), ...added];
}

function highestOrder(members: Map<string, unknown> | undefined, fallback: number): number {
  let max = fallback - 1;
  for (const value of members?.values() ?? []) {
    const order =
      typeof value === 'number' ? value : typeof value === 'object' && value ? (value as { order?: unknown }).order : 0;
    if (typeof order === 'number' && Number.isFinite(order) && order > max) max = order;
  }
  return max;
}

/** Handles keep their order: a new handle goes just after the one it follows in the list (or before the first). */
function writeHandles(writes: CellWrites, id: string, cells: CreatorCells, before: Handle[], after: Handle[]): void {
  const stored = cells.members.handles;
  const orderOf = (member: string, index: number) => {
    const value = stored?.get(member) as { order?: unknown } | undefined;
    return typeof value?.order === 'number' ? value.order : index;
  };
  const beforeByMember = new Map(before.map((h, index) => [handleKey(h.platform, h.handle), { handle: h, index }]));
  const afterMembers = new Set<string>();
  let previousOrder: number | null = null;
  let changed = false;
  after.forEach((handle, index) => {
    const member = handleKey(handle.platform, handle.handle);
    if (afterMembers.has(member)) return;
    afterMembers.add(member);
    const old = beforeByMember.get(member);
    const sameValue = old && old.handle.handle === handle.handle && old.handle.url === handle.url;
    const oldOrder = old ? orderOf(member, old.index) : null;
    const inPlace = oldOrder !== null && (previousOrder === null || oldOrder > previousOrder);
    if (sameValue && inPlace) {
      previousOrder = oldOrder;
      return;
    }
    const firstOrder = before.length ? orderOf(handleKey(before[0]!.platform, before[0]!.handle), 0) : 0;
    const order: number =
      previousOrder === null ? (index === 0 && before.length ? firstOrder - 1 : 0) : previousOrder + 1;
    writes.set.set(memberKey(id, 'handles', member), {
      platform: handle.platform,
      handle: handle.handle,
      ...(handle.url ? { url: handle.url } : {}),
      order,
    });
    previousOrder = order;
    changed = true;
  });
  for (const member of beforeByMember.keys()) {
    if (afterMembers.has(member)) continue;
    writes.remove.add(memberKey(id, 'handles', member));
    changed = true;
  }
  if (changed) writes.changes.push({ field: 'handles', from: handleList(before), to: handleList(after) });
}

function handleList(handles: Handle[]): string {
  return handles.map((h) => `${h.platform}:${h.handle}`).join(', ');
}

/** A keyed list (member → value) going from `before` to `after`: changed members written, missing ones deleted. */
export function writeKeyed(
  writes: CellWrites,
  id: string,
  field: KeyedField,
  before: ReadonlyMap<string, unknown>,
  after: ReadonlyMap<string, unknown>,
): void {
  let changed = false;
  for (const [member, value] of after) {
    if (value === undefined || before.get(member) === value) continue;
    writes.set.set(memberKey(id, field, member), value);
    changed = true;
  }
  for (const member of before.keys()) {
    if (after.get(member) !== undefined) continue;
    writes.remove.add(memberKey(id, field, member));
    changed = true;
  }
  if (changed) writes.changes.push({ field, from: shares(before), to: shares(after) });
}

function shares(map: ReadonlyMap<string, unknown>): string {
  return [...map]
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key} ${String(value)}`)
    .join(', ');
}

const SHARE_FIELDS = ['countries', 'ages', 'education', 'income', 'gender'] as const;

function writeAudience(
  writes: CellWrites,
  id: string,
  cells: CreatorCells,
  before: AudienceDemographics,
  after: AudienceDemographics,
): void {
  for (const key of SHARE_FIELDS) {
    const entries = (value: AudienceDemographics[typeof key]) =>
      new Map(Object.entries(value ?? {}).filter(([, share]) => share !== undefined));
    writeKeyed(writes, id, `audience.${key}` as KeyedField, entries(before[key]), entries(after[key]));
  }
  writeSet(writes, id, cells, 'audience.interests', before.interests ?? [], after.interests ?? []);
}

/** Every cell of a new creator's profile (or of a schema-2 profile being migrated). */
export function newProfileWrites(id: string, profile: Partial<Profile>): CellWrites {
  const writes = emptyWrites();
  const empty: Profile = { name: '', handles: [], categories: [], followerHistory: [], brandSafety: [] };
  const noCells: CreatorCells = { values: {}, members: {}, entries: [] };
  const next = profileWrites(id, empty, noCells, profile as ProfileChanges);
  next.set.forEach((value, key) => writes.set.set(key, value));
  return writes;
}

/** A field value as people read it in the history ("" for empty). */
function shown(value: unknown): string {
  if (value === undefined || value === null) return '';
  return String(value).slice(0, 200);
}

export type { CollectionField, ProfileScalar };
