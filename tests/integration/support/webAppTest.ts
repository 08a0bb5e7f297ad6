import type postgres from 'postgres';
import type { BoardClient } from './clients.ts';
import type { ServerProcess } from './processes.ts';

/**
 * Closes what a test against the built web app opened, in order: its board clients, its SQL connection, the app
 * (waiting until it has exited) and its database. Any of them may be missing when `beforeAll` stopped early.
 */
export async function closeWebAppTest(opened: {
  clients: BoardClient[];
  sql: postgres.Sql | undefined;
  app: ServerProcess | undefined;
  database: { drop(): Promise<void> } | undefined;
}): Promise<void> {
  const { clients, sql, app, database } = opened;
  clients.forEach((client) => client.destroy());
  await sql?.end();
  if (app && app.child.exitCode === null) {
    app.child.kill('SIGTERM');
    await app.exited;
  }
  await database?.drop();
}
