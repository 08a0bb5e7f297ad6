import type * as Y from 'yjs';
import { boardTypes, readLedgers } from '@roster/shared';
import type { Sql } from '../db/client.ts';

/** One payment as the index keeps it. */
export interface IndexedPayment {
  creatorId: string;
  paymentId: string;
  creatorName: string;
  amount: number;
  currency: string;
  dueDate: string | null;
  paidDate: string | null;
  dueLabel: string | null;
}

/** An unpaid payment due by some day, with its board (the workspace's "Due and overdue" page). */
export interface DuePayment extends IndexedPayment {
  boardId: string;
  boardName: string;
}

/**
 * The creator cells the index is read from (indexedPayments: the ledger, the triggers its due
 * dates follow, the name it lists, whether the creator is on the board). A change of any other
 * cell — a status move, a note — leaves a creator's indexed payments as they were.
 */
export const PAYMENT_INDEX_FIELDS: ReadonlySet<string> = new Set([
  'payments',
  'paymentTerms',
  'contractSignedAt',
  'posts',
  'name',
  'removed',
]);

/** The payments of a board's creators (not removed), or of some of them, read from its document. */
export function indexedPayments(document: Y.Doc, creatorIds?: ReadonlySet<string>): IndexedPayment[] {
  const rows: IndexedPayment[] = [];
  for (const { creatorId, name, payments } of readLedgers(boardTypes(document), creatorIds)) {
    for (const payment of payments.ledger)
      rows.push({
        creatorId,
        paymentId: payment.id,
        creatorName: name,
        amount: payment.amount,
        currency: payment.currency,
        dueDate: payment.due,
        paidDate: payment.paidDate,
        dueLabel: payment.dueLabel,
      });
  }
  return rows;
}

const COLUMNS = `p.board_id as "boardId", p.creator_id as "creatorId", p.payment_id as "paymentId",
  p.creator_name as "creatorName", p.amount::float8 as amount, p.currency,
  to_char(p.due_date, 'YYYY-MM-DD') as "dueDate", to_char(p.paid_date, 'YYYY-MM-DD') as "paidDate",
  p.due_label as "dueLabel"`;

/** The SQL of the payment index (migration 010). */
export class PaymentIndex {
  constructor(private readonly sql: Sql) {}

  /**
   * Replaces the indexed payments of a board's creators: of `creatorIds`, or of every creator
   * (null). A payment's notified due date is kept, so an edit does not announce it again.
   */
  async replace(boardId: string, creatorIds: ReadonlySet<string> | null, rows: IndexedPayment[]): Promise<void> {
    await this.sql.begin(async (sql) => {
      const keys = rows.map((row) => `${row.creatorId}:${row.paymentId}`);
      if (creatorIds === null)
        await sql`delete from payment_index where board_id = ${boardId}
          and creator_id || ':' || payment_id <> all(${keys}::text[])`;
      else if (creatorIds.size > 0)
        await sql`delete from payment_index where board_id = ${boardId}
          and creator_id = any(${[...creatorIds]}::text[]) and creator_id || ':' || payment_id <> all(${keys}::text[])`;
      if (rows.length === 0) return;
      const values = rows.map((row) => ({
        board_id: boardId,
        creator_id: row.creatorId,
        payment_id: row.paymentId,
        creator_name: row.creatorName,
        amount: row.amount,
        currency: row.currency,
        due_date: row.dueDate,
        paid_date: row.paidDate,
        due_label: row.dueLabel,
      }));
      for (let start = 0; start < values.length; start += 1000)
        await sql`
          insert into payment_index ${sql(values.slice(start, start + 1000))}
          on conflict (board_id, creator_id, payment_id) do update set
            creator_name = excluded.creator_name, amount = excluded.amount, currency = excluded.currency,
            due_date = excluded.due_date, paid_date = excluded.paid_date, due_label = excluded.due_label`;
    });
  }

  /** Unpaid payments due before `today` on live boards that no `payment.overdue` event was sent for yet. */
  async overdueToAnnounce(today: string, limit = 1000): Promise<DuePayment[]> {
    return this.sql.unsafe<DuePayment[]>(
      `select ${COLUMNS}, b.name as "boardName" from payment_index p join boards b on b.id = p.board_id
       where p.paid_date is null and p.due_date < $1 and b.archived_at is null
         and p.overdue_notified_due is distinct from p.due_date
       order by p.due_date limit $2`,
      [today, limit],
    );
  }

  /** Records that the event for a payment's due date was queued. */
  async markAnnounced(payments: DuePayment[]): Promise<void> {
    for (const p of payments)
      await this.sql`update payment_index set overdue_notified_due = ${p.dueDate}
        where board_id = ${p.boardId} and creator_id = ${p.creatorId} and payment_id = ${p.paymentId}`;
  }

  /** A workspace's unpaid payments due by `until` (overdue ones first), on its live boards. */
  async dueBy(workspaceId: string, until: string, limit = 500): Promise<DuePayment[]> {
    return this.sql.unsafe<DuePayment[]>(
      `select ${COLUMNS}, b.name as "boardName" from payment_index p join boards b on b.id = p.board_id
       where b.workspace_id = $1 and b.archived_at is null and p.paid_date is null and p.due_date <= $2
       order by p.due_date, p.creator_name, p.payment_id limit $3`,
      [workspaceId, until, limit],
    );
  }
}
