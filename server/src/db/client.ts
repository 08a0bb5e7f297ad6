import postgres from 'postgres';

export type Sql = postgres.Sql;

/** Opens the connection pool. Notices are silenced: migrations' "already exists" are expected. */
export function createSql(url: string, options: { max?: number } = {}): Sql {
  return postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // bytea columns come back as Buffer; bigint ids as strings (sequence numbers are compared in SQL).
    types: {},
  });
}
