import type * as Y from 'yjs';
import {
  boardTypes,
  keyOf,
  parseCellKey,
  readEntry,
  readStatus,
  shownPaymentStatusOf,
  STATUS_GROUPS,
  type BoardTypes,
  type StatusGroup,
  type WebhookEvent,
} from '@roster/shared';

export interface BoardEvent {
  /** The same on every instance that applies the same update (the Yjs id of the cell written). */
  id: string;
  event: WebhookEvent;
  data: Record<string, unknown>;
}

/** The groups whose status is the cell's own value; the Payment status is worked out (below). */
const STORED_GROUPS = new Set<string>(STATUS_GROUPS.filter((group) => group !== 'payment'));
/** The cells the Payment status a card shows is worked out from (readCreatorPayments, shownPaymentStatus). */
const PAYMENT_STATUS_FIELDS = new Set<string>(['payment', 'paymentOverride', 'fee', 'payments']);

/**
 * The webhook events in the changes of one board document, read from the cells each change added:
 * a `<creator>:<group>` cell is an influencer or contract status change, a `<creator>:createdAt`
 * cell a new creator. Read from the board itself (not the client-written activity history), so
 * what is reported is what the board now holds.
 *
 * The Payment status is not one cell: the ledger decides it unless someone set it by hand
 * (shownPaymentStatus). So the status each creator's card shows is kept here, and a change to a
 * cell it depends on (a payment, the fee, the override, the stored status) is an event only when
 * that shown status moves — recording half the fee is "50% paid", typing into the stored cell
 * while the ledger decides is nothing.
 */
export class BoardEvents {
  private readonly types: BoardTypes;
  /** The Payment status each creator's card shows, as of the last change read. */
  private readonly paymentShown = new Map<string, string>();

  constructor(doc: Y.Doc) {
    this.types = boardTypes(doc);
    const creators = new Set<string>();
    for (const key of this.types.cells.map.keys()) {
      const parsed = parseCellKey(key);
      if (parsed) creators.add(parsed.creatorId);
    }
    for (const creatorId of creators) this.paymentShown.set(creatorId, shownPaymentStatusOf(this.types, creatorId));
  }

  /** The events of one change of the cells array. */
  read(event: Y.YArrayEvent<unknown>): BoardEvent[] {
    const types = this.types;
    const found: BoardEvent[] = [];
    // A new creator's first statuses are part of "added", not status changes.
    const created = new Set<string>();
    for (const item of event.changes.added) {
      for (const raw of item.content.getContent()) {
        const key = keyOf(raw);
        if (key?.endsWith(':createdAt')) created.add(key.slice(0, -':createdAt'.length));
      }
    }
    /** Per creator, the first cell of the change its Payment status depends on (its id names the event). */
    const paymentTouched = new Map<string, string>();
    const nameOf = (creatorId: string) => {
      const name = types.cells.get(`${creatorId}:name`);
      return typeof name === 'string' ? name : null;
    };
    for (const item of event.changes.added) {
      item.content.getContent().forEach((raw, offset) => {
        const key = keyOf(raw);
        const colon = key?.indexOf(':') ?? -1;
        if (!key || colon < 1) return;
        const creatorId = key.slice(0, colon);
        const field = key.slice(colon + 1);
        const id = `${item.id.client}:${item.id.clock + offset}`;
        if (PAYMENT_STATUS_FIELDS.has(parseCellKey(key)?.field ?? '') && !paymentTouched.has(creatorId))
          paymentTouched.set(creatorId, id);
        if (STORED_GROUPS.has(field) && !created.has(creatorId)) {
          const statusId = readEntry(raw)?.val;
          if (typeof statusId !== 'string') return;
          const group = field as StatusGroup;
          const status = readStatus(types, group, statusId);
          found.push({
            id,
            event: 'creator.status_changed',
            data: { creatorId, creatorName: nameOf(creatorId), group, statusId, statusName: status?.name ?? null },
          });
        } else if (field === 'createdAt') {
          found.push({ id, event: 'creator.added', data: { creatorId, creatorName: nameOf(creatorId) } });
          if (!paymentTouched.has(creatorId)) paymentTouched.set(creatorId, id);
        }
      });
    }
    for (const [creatorId, id] of paymentTouched) {
      const before = this.paymentShown.get(creatorId);
      const statusId = shownPaymentStatusOf(types, creatorId);
      this.paymentShown.set(creatorId, statusId);
      if (created.has(creatorId) || before === undefined || before === statusId) continue;
      const status = readStatus(types, 'payment', statusId);
      found.push({
        id,
        event: 'creator.status_changed',
        data: {
          creatorId,
          creatorName: nameOf(creatorId),
          group: 'payment',
          statusId,
          statusName: status?.name ?? null,
        },
      });
    }
    return found;
  }
}
