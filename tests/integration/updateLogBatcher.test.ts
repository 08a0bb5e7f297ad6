import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentStore } from '../../server/src/collab/documentStore.ts';
import { UpdateLogBatcher } from '../../server/src/collab/UpdateLogBatcher.ts';
import { createSql, type Sql } from '../../server/src/db/client.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { createTestDatabase } from './support/database.ts';

describe('UpdateLogBatcher on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: Sql;

  beforeAll(async () => {
    database = await createTestDatabase();
    sql = createSql(database.url);
    await migrate(sql);
  });
  afterAll(async () => {
    await sql.end();
    await database.drop();
  });

  it('writes updates gathered in its window together and completes them in order', async () => {
    const batcher = new UpdateLogBatcher(new DocumentStore(sql, 'batcher-order'), 20);
    const done: bigint[] = [];
    const appended = (error: unknown, seq?: bigint) => {
      expect(error).toBeNull();
      done.push(seq!);
    };
    for (let i = 0; i < 5; i++) batcher.append('board:order', new Uint8Array([i]), appended);
    await batcher.settled();
    expect(done).toHaveLength(5);
    expect([...done].sort((a, b) => (a < b ? -1 : 1))).toEqual(done);
    const rows = await sql<{ update: Buffer }[]>`
      select update from document_updates where name = 'board:order' order by seq`;
    expect(rows.map((row) => row.update[0])).toEqual([0, 1, 2, 3, 4]);
  });

  it('settles once every append started before the call has completed, without waiting for later ones', async () => {
    // No window: the first append is written at once, the next ones wait for the following write.
    const batcher = new UpdateLogBatcher(new DocumentStore(sql, 'batcher-settled'), 0);
    const completed: string[] = [];
    batcher.append('board:settled', new Uint8Array([1]), () => completed.push('first'));
    const settled = batcher.settled().then(() => [...completed]);
    batcher.append('board:settled', new Uint8Array([2]), () => completed.push('second'));
    expect(await settled).toEqual(['first']);
    await batcher.settled();
    expect(completed).toEqual(['first', 'second']);
    // Nothing pending: settles at once.
    await expect(batcher.settled()).resolves.toBeUndefined();
  });

  it('stores a batch of 30,000 updates, more than one INSERT can carry, all in order', async () => {
    // 30,000 rows × 3 parameters is past PostgreSQL's 65,535 parameters per statement.
    const count = 30_000;
    const batcher = new UpdateLogBatcher(new DocumentStore(sql, 'batcher-large'), 0);
    const failures: unknown[] = [];
    const seqs: bigint[] = [];
    for (let i = 0; i < count; i++) {
      batcher.append('board:large', new Uint8Array([i % 256, i >> 8]), (error, seq) => {
        if (error) failures.push(error);
        else seqs.push(seq!);
      });
    }
    await batcher.settled();
    expect(failures).toEqual([]);
    expect(seqs).toHaveLength(count);
    expect(new Set(seqs).size).toBe(count);
    const rows = await sql<{ seq: string; update: Buffer }[]>`
      select seq, update from document_updates where name = 'board:large' order by seq`;
    expect(rows).toHaveLength(count);
    expect(rows.every((row, i) => row.update[0] === i % 256 && row.update[1] === i >> 8)).toBe(true);
    expect(rows.map((row) => BigInt(row.seq))).toEqual(seqs);
  });
});
