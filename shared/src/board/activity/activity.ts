import type * as Y from 'yjs';
import type { OperationContext } from '../../operations/operation.ts';
import { isRecord } from '../document/guards.ts';
import { STATUS_GROUPS, type StatusGroup } from '../statuses/status.ts';

export type ActivityKind = 'added' | 'status' | 'removed' | 'restored' | 'field';

/** One line of the board's activity history. */
export interface ActivityEntry {
  id: string;
  at: number;
  actorId: string;
  actorName: string;
  creatorId: string;
  creatorName: string;
  kind: ActivityKind;
  group?: StatusGroup;
  /** For `field` entries: which field changed (`followers`, `fee`, `tags`, `audience.countries`…). */
  field?: string;
  /** A status id (`status` entries), or the field's value before, as text (`field` entries). */
  from?: string;
  to?: string;
}

/**
 * The activity history lives in its own document (`activityDocumentName(boardId)`), an array of
 * entries, oldest first. Kept apart from the board so that board edits stay compact (see
 * boardTypes.ts). The document keeps the latest ACTIVITY_LIMIT entries; older ones are deleted
 * in chunks, and their tombstones merge.
 */
export const ACTIVITY_LIMIT = 2000;

/** The entries array of an activity document. */
export function activityEntries(doc: Y.Doc): Y.Array<unknown> {
  return doc.getArray('entries');
}

/** Appends entries to `ctx.activity` (when the caller keeps a history) and trims the oldest. */
export function appendActivity(
  entries: Omit<ActivityEntry, 'id' | 'at' | 'actorId' | 'actorName'>[],
  ctx: OperationContext,
): void {
  if (entries.length === 0 || !ctx.activity) return;
  const log = activityEntries(ctx.activity);
  const newId = ctx.newId ?? randomId;
  ctx.activity.transact(() => {
    log.push(
      entries.map((entry) => ({
        id: newId(),
        at: ctx.now,
        actorId: ctx.actor.id,
        actorName: ctx.actor.name,
        ...entry,
      })),
    );
    const excess = log.length - ACTIVITY_LIMIT;
    if (excess > ACTIVITY_LIMIT / 10) log.delete(0, excess);
  }, ctx.origin);
}

/** Reads the activity history, newest first, skipping entries a foreign client wrote wrong. */
export function readActivity(doc: Y.Doc): ActivityEntry[] {
  const entries: ActivityEntry[] = [];
  for (const value of activityEntries(doc)) {
    if (!isRecord(value) || typeof value.id !== 'string' || typeof value.at !== 'number') continue;
    const kind = value.kind;
    if (kind !== 'added' && kind !== 'status' && kind !== 'removed' && kind !== 'restored' && kind !== 'field')
      continue;
    entries.push({
      id: value.id,
      at: value.at,
      actorId: text(value.actorId, 64),
      actorName: text(value.actorName, 120) || 'Someone',
      creatorId: text(value.creatorId, 64),
      creatorName: text(value.creatorName, 120),
      kind,
      group: STATUS_GROUPS.includes(value.group as StatusGroup) ? (value.group as StatusGroup) : undefined,
      field: kind === 'field' ? text(value.field, 40) : undefined,
      from: typeof value.from === 'string' ? value.from.slice(0, 200) : undefined,
      to: typeof value.to === 'string' ? value.to.slice(0, 200) : undefined,
    });
  }
  return entries.reverse();
}

function text(value: unknown, max: number): string {
  return typeof value === 'string' ? value.slice(0, max) : '';
}

/** A short random id (creators, statuses, activity): 12 base-36 characters. */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  let id = '';
  for (const byte of bytes) id += byte.toString(36).padStart(2, '0');
  return id.slice(0, 12);
}
