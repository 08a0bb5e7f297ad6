import { createLogger, parseConfig, startRoster, type RosterApp } from '@roster/server';
import { createTestDatabase } from './database.ts';

export interface TestServer {
  app: RosterApp;
  databaseUrl: string;
  /** Stops the server and drops its database. */
  stop(): Promise<void>;
}

/** Starts the real server (no web app) on port 0 against a fresh PostgreSQL database. */
export async function startTestServer(env: Record<string, string> = {}, databaseUrl?: string): Promise<TestServer> {
  const database = databaseUrl ? null : await createTestDatabase();
  const url = databaseUrl ?? database!.url;
  const parsed = parseConfig({
    PORT: '0',
    DATABASE_URL: url,
    ...env,
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  const app = await startRoster(parsed.config, { log: createLogger('warn') });
  return {
    app,
    databaseUrl: url,
    async stop() {
      await app.close();
      await database?.drop();
    },
  };
}
