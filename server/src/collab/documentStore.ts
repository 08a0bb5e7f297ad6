import * as Y from 'yjs';
import type { TransactionSql } from 'postgres';
import type { Sql } from '../db/client.ts';

export interface StoredDocument {
  /** The snapshot, or null when the document was never compacted. */
  snapshot: Uint8Array | null;
  /** Logged updates after the snapshot, in order. */
  log: Uint8Array[];
  /** Highest update-log sequence number included (0 when none). */
  loadedUpTo: bigint;
}

/**
 * The SQL of board documents: a snapshot per document and an append-only log of client
 * updates. Load = snapshot + log. Compaction writes a new snapshot and deletes the log rows it
 * provably contains.
 */
export class DocumentStore {
  constructor(
    private readonly sql: Sql,
    /** Identifies this process's rows in the log; random per start. */
    readonly instance: string,
    /**
     * Connection for log appends. Appends are on the path of every edit's acknowledgement, so
     * they get their own connection and never wait behind compactions in the shared pool.
     */
    private readonly appendSql: Sql = sql,
  ) {}

  async load(name: string): Promise<StoredDocument> {
    return this.sql.begin('isolation level repeatable read', async (tx) => {
      const [snapshot] = await tx<{ state: Buffer }[]>`select state from documents where name = ${name}`;
      const log = await tx<{ seq: string; update: Buffer }[]>`
        select seq, update from document_updates where name = ${name} order by seq`;
      return {
        snapshot: snapshot ? toBytes(snapshot.state) : null,
        log: log.map((row) => toBytes(row.update)),
        loadedUpTo: log.length ? BigInt(log[log.length - 1]!.seq) : 0n,
      };
    });
  }

  /**
   * Appends updates, all or none; returns their sequence numbers, in input order. One statement
   * for up to APPEND_ROWS_PER_STATEMENT rows, else several in one transaction: a statement takes
   * at most 65,535 parameters (3 per row), and a reconnect replaying tens of thousands of offline
   * edits made a single INSERT fail, taking every other edit of its batch with it.
   */
  async append(entries: { name: string; update: Uint8Array }[]): Promise<bigint[]> {
    const rows = entries.map((e) => ({ name: e.name, instance: this.instance, update: asBuffer(e.update) }));
    if (rows.length <= APPEND_ROWS_PER_STATEMENT) return insertUpdates(this.appendSql, rows);
    return this.appendSql.begin(async (tx) => {
      const seqs: bigint[] = [];
      for (let start = 0; start < rows.length; start += APPEND_ROWS_PER_STATEMENT) {
        seqs.push(...(await insertUpdates(tx, rows.slice(start, start + APPEND_ROWS_PER_STATEMENT))));
      }
      return seqs;
    });
  }

  /**
   * Writes the snapshot and deletes log rows it contains: rows that were part of the load, and
   * this instance's own rows up to `ownUpTo` (applied in memory before `state` was encoded).
   * With `mergeWithStored`, the stored snapshot is merged in first, so an instance that has not yet
   * seen another instance's edits (through Redis) never overwrites them.
   */
  async compact(
    name: string,
    boardId: string,
    state: Uint8Array,
    upTo: { loadedUpTo: bigint; ownUpTo: bigint },
    mergeWithStored: boolean,
  ): Promise<{ bytes: number }> {
    return this.sql.begin(async (tx) => {
      let snapshot = state;
      if (mergeWithStored) {
        const [stored] = await tx<{ state: Buffer }[]>`select state from documents where name = ${name} for update`;
        if (stored) snapshot = Y.mergeUpdates([toBytes(stored.state), state]);
      }
      await tx`
        insert into documents (name, board_id, state, updated_at) values (${name}, ${boardId}, ${Buffer.from(snapshot)}, now())
        on conflict (name) do update set state = excluded.state, updated_at = now()`;
      await tx`
        delete from document_updates where name = ${name}
          and (seq <= ${upTo.loadedUpTo.toString()} or (instance = ${this.instance} and seq <= ${upTo.ownUpTo.toString()}))`;
      return { bytes: snapshot.byteLength };
    });
  }
}

/** Rows per INSERT into the update log: 3 parameters each, well under PostgreSQL's 65,535. */
export const APPEND_ROWS_PER_STATEMENT = 10_000;

type UpdateRow = { name: string; instance: string; update: Buffer };

async function insertUpdates(sql: Sql | TransactionSql, rows: UpdateRow[]): Promise<bigint[]> {
  const inserted = await sql<{ seq: string }[]>`insert into document_updates ${sql(rows)} returning seq`;
  // Postgres returns rows of a multi-row VALUES insert in input order.
  return inserted.map((row) => BigInt(row.seq));
}

/** A Buffer over the same memory (no copy). */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function toBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
