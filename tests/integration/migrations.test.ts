import { describe, expect, it } from 'vitest';
import { createSql } from '../../server/src/db/client.ts';
import { migrate } from '../../server/src/db/migrate.ts';
import { createTestDatabase } from './support/database.ts';

describe('migrations', () => {
  it('run on an empty database and are idempotent', async () => {
    const database = await createTestDatabase();
    const sql = createSql(database.url, { max: 2 });
    try {
      const first = await migrate(sql);
      expect(first).toContain('001_initial.sql');
      expect(await migrate(sql)).toEqual([]);
      // Two instances starting together do not migrate twice.
      const [a, b] = await Promise.all([migrate(sql), migrate(sql)]);
      expect([...a, ...b]).toEqual([]);
      const tables = await sql<{ table_name: string }[]>`
        select table_name from information_schema.tables where table_schema = 'public' order by table_name`;
      expect(tables.map((t) => t.table_name)).toEqual(
        expect.arrayContaining([
          'users',
          'sessions',
          'workspaces',
          'memberships',
          'boards',
          'documents',
          'document_updates',
        ]),
      );
    } finally {
      await sql.end();
      await database.drop();
    }
  });
});
