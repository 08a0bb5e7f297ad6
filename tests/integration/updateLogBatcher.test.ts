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
});
