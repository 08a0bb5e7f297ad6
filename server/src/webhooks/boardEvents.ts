import type * as Y from 'yjs';
import {
  boardTypes,
  keyOf,
  readEntry,
  readStatus,
  STATUS_GROUPS,
  type StatusGroup,
  type WebhookEvent,
} from '@roster/shared';

export interface BoardEvent {
  /** The same on every instance that applies the same update (the Yjs id of the cell written). */
  id: string;
  event: WebhookEvent;
  data: Record<string, unknown>;
}

const GROUPS = new Set<string>(STATUS_GROUPS);

/**
 * The webhook events in one change of a board document, read from the cells it added: a
 * `<creator>:<group>` cell is a status change, a `<creator>:createdAt` cell a new creator. Read
 * from the board itself (not the client-written activity history), so what is reported is what
 * the board now holds.
 */
export function boardEventsOf(doc: Y.Doc, event: Y.YArrayEvent<unknown>): BoardEvent[] {
  const types = boardTypes(doc);
  const found: BoardEvent[] = [];
  // A new creator's first statuses are part of "added", not status changes.
  const created = new Set<string>();
  for (const item of event.changes.added) {
    for (const raw of item.content.getContent()) {
      const key = keyOf(raw);
      if (key?.endsWith(':createdAt')) created.add(key.slice(0, -':createdAt'.length));
    }
  }
  for (const item of event.changes.added) {
    item.content.getContent().forEach((raw, offset) => {
      const key = keyOf(raw);
      const colon = key?.indexOf(':') ?? -1;
      if (!key || colon < 1) return;
      const creatorId = key.slice(0, colon);
      const field = key.slice(colon + 1);
      const id = `${item.id.client}:${item.id.clock + offset}`;
      const name = types.cells.get(`${creatorId}:name`);
      const creatorName = typeof name === 'string' ? name : null;
      if (GROUPS.has(field) && !created.has(creatorId)) {
        const statusId = readEntry(raw)?.val;
        if (typeof statusId !== 'string') return;
        const group = field as StatusGroup;
        const status = readStatus(types, group, statusId);
        found.push({
          id,
          event: 'creator.status_changed',
          data: { creatorId, creatorName, group, statusId, statusName: status?.name ?? null },
        });
      } else if (field === 'createdAt') {
        found.push({ id, event: 'creator.added', data: { creatorId, creatorName } });
      }
    });
  }
  return found;
}
