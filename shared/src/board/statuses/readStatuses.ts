import { isColor } from '../../color.ts';
import { text } from '../creators/readProfile.ts';
import type { BoardTypes } from '../document/boardTypes.ts';
import { isRecord } from '../document/guards.ts';
import { byRank } from '../document/rank.ts';
import { DEFAULT_STATUSES, STATUS_GROUPS, type Status, type StatusGroup } from './status.ts';

/** Statuses per group in rank order: built-in ones, overridden by stored changes, plus custom ones. */
export function readStatuses(types: BoardTypes): Record<StatusGroup, Status[]> {
  const byId = new Map<string, Status>(DEFAULT_STATUSES.map((s) => [s.id, { ...s }]));
  for (const [id, entry] of types.statuses.map) {
    const status = statusOf(id, entry.val);
    if (status) byId.set(id, status);
  }
  const result = { influencer: [], contract: [], payment: [] } as Record<StatusGroup, Status[]>;
  for (const status of byId.values()) result[status.group].push(status);
  for (const group of STATUS_GROUPS) result[group].sort(byRank);
  return result;
}

/**
 * One status of a group, as readStatuses reads it, or null. A status move looks up only the
 * status it moves to: reading and sorting them all allocated ~8 KB per move.
 */
export function readStatus(types: BoardTypes, group: StatusGroup, statusId: string): Status | null {
  const entry = types.statuses.map.get(statusId);
  const status = entry ? statusOf(statusId, entry.val) : null;
  const found = status ?? DEFAULT_STATUS_BY_ID.get(statusId);
  return found?.group === group ? { ...found } : null;
}

const DEFAULT_STATUS_BY_ID = new Map(DEFAULT_STATUSES.map((s) => [s.id, s]));

/** A stored status record over its built-in default (if any), repaired; null if it has no valid group. */
function statusOf(id: string, stored: unknown): Status | null {
  if (!isRecord(stored)) return null;
  const base = DEFAULT_STATUS_BY_ID.get(id);
  const group =
    base?.group ?? (STATUS_GROUPS.includes(stored.group as StatusGroup) ? (stored.group as StatusGroup) : null);
  if (!group) return null;
  return {
    id,
    group,
    name: text(stored.name, 40) || base?.name || 'Untitled',
    color: isColor(stored.color) ? stored.color : (base?.color ?? '#94a3b8'),
    rank: typeof stored.rank === 'string' && stored.rank ? stored.rank : (base?.rank ?? 'z'),
    archived: stored.archived === true,
    movedTo: typeof stored.movedTo === 'string' ? stored.movedTo : undefined,
    builtIn: Boolean(base?.builtIn),
  };
}
