import * as Y from 'yjs';
import type { TransactionSql } from 'postgres';
import type { Sql } from '../db/client.ts';
import { repairUpdate } from './checkUpdate.ts';

/** Rows of the update log read per query while loading (each row is at most MAX_MESSAGE_BYTES). */
export const LOG_PAGE_ROWS = 500;

export interface StoredDocument {
  /** Bytes of the snapshot (0 when the document was never compacted). */
  snapshotBytes: number;
  /** Rows of the update log after the snapshot, and their bytes. */
  logRows: number;
  logBytes: number;
  /** Highest update-log sequence number included (0 when none). */
  loadedUpTo: bigint;
}

/** Receives a document's stored state while it is read; each call is awaited before the next page. */
export interface StoredDocumentReader {
  snapshot(state: Uint8Array): Promise<void> | void;
  /** Logged updates after the snapshot, in order, a page at a time. */
  log(updates: Uint8Array[]): Promise<void> | void;
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

  /**
   * Reads the snapshot, then the log a page at a time. One repeatable-read transaction: a
   * compaction meanwhile (by another instance) cannot make the pages miss the rows it deletes.
   * Reading the whole log in one query held every row in memory, and merging them blocked the
   * server for 13.5 s at 20,000 rows; a page is applied (and the event loop let go) before the next
   * is read.
   */
  async load(name: string, reader: StoredDocumentReader): Promise<StoredDocument> {
    return this.sql.begin('isolation level repeatable read', async (tx) => {
      const [snapshot] = await tx<{ state: Buffer }[]>`select state from documents where name = ${name}`;
      if (snapshot) await reader.snapshot(toBytes(snapshot.state));
      const loaded: StoredDocument = {
        snapshotBytes: snapshot?.state.byteLength ?? 0,
        logRows: 0,
        logBytes: 0,
        loadedUpTo: 0n,
      };
      const pages = tx<{ seq: string; update: Buffer }[]>`
        select seq, update from document_updates where name = ${name} order by seq`.cursor(LOG_PAGE_ROWS);
      for await (const rows of pages) {
        const updates = rows.map((row) => toBytes(row.update));
        loaded.logRows += rows.length;
        for (const update of updates) loaded.logBytes += update.byteLength;
        loaded.loadedUpTo = BigInt(rows[rows.length - 1]!.seq);
        await reader.log(updates);
      }
      return loaded;
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
        // A stored snapshot that cannot be read (see checkUpdate) would fail every compaction.
        const readable = stored ? repairUpdate(toBytes(stored.state)).update : null;
        if (readable) snapshot = Y.mergeUpdates([readable, state]);
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
