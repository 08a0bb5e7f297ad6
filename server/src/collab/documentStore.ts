import * as Y from 'yjs';
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

  /** Appends updates in one statement; returns their sequence numbers, in input order. */
  async append(entries: { name: string; update: Uint8Array }[]): Promise<bigint[]> {
    const rows = entries.map((e) => ({ name: e.name, instance: this.instance, update: asBuffer(e.update) }));
    const inserted = await this.appendSql<{ seq: string }[]>`
      insert into document_updates ${this.appendSql(rows)} returning seq`;
    // Postgres returns rows of a multi-row VALUES insert in input order.
    return inserted.map((row) => BigInt(row.seq));
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

/** A Buffer over the same memory (no copy). */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function toBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
