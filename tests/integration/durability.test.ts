import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import type * as Y from 'yjs';
import { readTitle, setTitle } from '@roster/shared';
import { createLogger, parseConfig, startRoster, type RosterApp } from '@roster/server';
import { connectBoard, type BoardClient } from './support/clients.ts';
import { createTestDatabase } from './support/database.ts';
import { createBoard, signUp, type TestUser } from './support/factories.ts';
import { spawnServer, type ServerProcess } from './support/processes.ts';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
// An in-process app on the same database, used only to create users and boards.
let admin: RosterApp;
// Two connections: one test holds one of them in a transaction while the other reads.
let sql: postgres.Sql;
const clients: BoardClient[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const parsed = parseConfig({ PORT: '0', DATABASE_URL: database.url });
  if (!parsed.ok) throw new Error(parsed.problems.join());
  admin = await startRoster(parsed.config, { log: createLogger('warn') });
  sql = postgres(database.url, { max: 2, onnotice: () => {} });
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await sql.end();
  await admin.close();
  await database.drop();
});

/** A new owner with a new board. */
async function ownBoard(): Promise<{ owner: TestUser; boardId: string; name: string }> {
  const owner = await signUp(admin);
  const boardId = await createBoard(admin, owner);
  return { owner, boardId, name: `board:${boardId}` };
}

/** A provider on the board, once it has synced. */
async function connectSynced(url: string, boardId: string, owner: TestUser): Promise<BoardClient> {
  const client = connectBoard(url, boardId, { cookie: owner.cookie });
  clients.push(client);
  await expect.poll(() => client.provider.isSynced).toBe(true);
  return client;
}

async function stop(server: ServerProcess): Promise<number | null> {
  server.child.kill('SIGTERM');
  return server.exited;
}

/** Starts a fresh server process and reads the board as a new client finds it there. */
async function readAfterRestart<T>(boardId: string, owner: TestUser, read: (doc: Y.Doc) => T): Promise<T> {
  const restarted = await spawnServer({ DATABASE_URL: database.url });
  try {
    const fresh = await connectSynced(restarted.url, boardId, owner);
    const value = read(fresh.doc);
    fresh.destroy();
    return value;
  } finally {
    await stop(restarted);
  }
}

const logRows = async (name: string) => (await sql`select 1 from document_updates where name = ${name}`).count;
const snapshotRows = async (name: string) => (await sql`select 1 from documents where name = ${name}`).count;
const snapshotText = async (name: string) => {
  const [snapshot] = await sql<{ state: Buffer }[]>`select state from documents where name = ${name}`;
  return snapshot?.state.toString('latin1');
};

describe('durability', () => {
  it('keeps every acknowledged edit when the server is killed with SIGKILL', async () => {
    const { owner, boardId } = await ownBoard();
    // A long debounce: no snapshot is written before the kill, so only the update log can save us.
    const server = await spawnServer({
      DATABASE_URL: database.url,
      STORE_DEBOUNCE_MS: '60000',
      STORE_MAX_DEBOUNCE_MS: '60000',
    });
    const client = await connectSynced(server.url, boardId, owner);
    const items = client.doc.getArray<string>('edits');
    for (let i = 0; i < 50; i++) items.push([`edit ${i}`]);
    setTitle(client.doc, 'Before the crash');
    // unsyncedChanges reaches 0 only when the server acknowledged every update.
    await expect.poll(() => client.provider.unsyncedChanges).toBe(0);
    server.child.kill('SIGKILL');
    await server.exited;
    client.destroy();

    const found = await readAfterRestart(boardId, owner, (doc) => ({
      title: readTitle(doc),
      edits: doc.getArray<string>('edits').toArray(),
    }));
    expect(found.title).toBe('Before the crash');
    expect(found.edits).toEqual(Array.from({ length: 50 }, (_, i) => `edit ${i}`));
  });

  it('still opens a board whose update log holds an update Yjs cannot read', async () => {
    const { owner, boardId, name } = await ownBoard();
    const server = await spawnServer({ DATABASE_URL: database.url });
    const client = await connectSynced(server.url, boardId, owner);
    setTitle(client.doc, 'Before the junk');
    await expect.poll(() => client.provider.unsyncedChanges).toBe(0);
    // A hacked client sends a well-formed sync message whose update is garbage: it reaches the log
    // before Hocuspocus fails to apply it and closes that connection.
    const raw = new WebSocket(`${server.url.replace('http', 'ws')}/collab`, {
      headers: { cookie: owner.cookie, origin: server.url },
    });
    await new Promise((resolve) => raw.on('open', resolve));
    const message = (write: (encoder: encoding.Encoder) => void) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarString(encoder, name);
      write(encoder);
      return encoding.toUint8Array(encoder);
    };
    try {
      raw.send(
        message((e) => (encoding.writeVarUint(e, 2), encoding.writeVarUint(e, 0), encoding.writeVarString(e, 'x'))),
      );
      const rowsBefore = await logRows(name);
      raw.send(
        message((e) => {
          encoding.writeVarUint(e, 0); // sync
          encoding.writeVarUint(e, 2); // update
          encoding.writeVarUint8Array(e, new Uint8Array([5, 255, 255, 255, 15, 1]));
        }),
      );
      await expect.poll(() => logRows(name)).toBe(rowsBefore + 1);
    } finally {
      raw.terminate();
    }
    server.child.kill('SIGKILL');
    await server.exited;
    client.destroy();

    expect(await readAfterRestart(boardId, owner, readTitle)).toBe('Before the junk');
  });

  it('broadcasts an edit at once but acknowledges it only when the update log has it', async () => {
    const { owner, boardId, name } = await ownBoard();
    const writer = await connectSynced(admin.url, boardId, owner);
    const reader = await connectSynced(admin.url, boardId, owner);
    // Another session holds a lock that blocks every insert into the update log.
    const lock = await sql.reserve();
    try {
      await lock`begin`;
      await lock`lock table document_updates in share mode`;
      setTitle(writer.doc, 'Seen before it is saved');
      await expect.poll(() => readTitle(reader.doc)).toBe('Seen before it is saved');
      // The append is blocked, so the writer is not told its edit is saved.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(writer.provider.unsyncedChanges).toBeGreaterThan(0);
      await lock`rollback`;
      await expect.poll(() => writer.provider.unsyncedChanges).toBe(0);
      expect(await logRows(name)).toBeGreaterThan(0);
    } finally {
      lock.release();
    }
  });

  it('stores pending changes into the snapshot on SIGTERM and keeps them across a restart', async () => {
    const { owner, boardId, name } = await ownBoard();
    const server = await spawnServer({
      DATABASE_URL: database.url,
      STORE_DEBOUNCE_MS: '60000',
      STORE_MAX_DEBOUNCE_MS: '60000',
    });
    const client = await connectSynced(server.url, boardId, owner);
    setTitle(client.doc, 'Stored on shutdown');
    await expect.poll(() => client.provider.unsyncedChanges).toBe(0);
    expect(await snapshotRows(name)).toBe(0);
    expect(await stop(server)).toBe(0);
    expect(await snapshotText(name)).toContain('Stored on shutdown');
    // Compaction removed the log rows the snapshot now holds.
    expect(await logRows(name)).toBe(0);
    client.destroy();

    expect(await readAfterRestart(boardId, owner, readTitle)).toBe('Stored on shutdown');
  });

  // The default store hook runs after every edit, before that edit's append commits; a debounced one later.
  it.each([
    { storeHook: 'after every edit (default)', debounce: {} as Record<string, string> },
    { storeHook: 'debounced', debounce: { STORE_DEBOUNCE_MS: '100', STORE_MAX_DEBOUNCE_MS: '300' } },
  ])(
    'leaves a short update log alone and compacts once the log has grown past the threshold: store hook $storeHook',
    async ({ debounce }) => {
      const { owner, boardId, name } = await ownBoard();
      const server = await spawnServer({
        DATABASE_URL: database.url,
        ...debounce,
        COMPACT_MIN_LOG_BYTES: '4000',
      });
      try {
        const client = await connectSynced(server.url, boardId, owner);
        for (let i = 0; i < 5; i++) setTitle(client.doc, `Small edit ${i}`);
        await expect.poll(() => client.provider.unsyncedChanges).toBe(0);
        // Several store hooks run: the few hundred bytes stay in the log, no snapshot is written.
        await new Promise((resolve) => setTimeout(resolve, 1000));
        expect(await logRows(name)).toBeGreaterThan(0);
        expect(await snapshotRows(name)).toBe(0);
        client.doc.getArray<string>('notes').push([`${'x'.repeat(5000)}`]);
        await expect.poll(() => client.provider.unsyncedChanges).toBe(0);
        await expect.poll(() => snapshotRows(name)).toBe(1);
        await expect.poll(() => logRows(name)).toBe(0);
        client.destroy();
      } finally {
        await stop(server);
      }
    },
  );

  it('compacts the update log into the snapshot after the debounce while the board stays open', async () => {
    const { owner, boardId, name } = await ownBoard();
    const server = await spawnServer({
      DATABASE_URL: database.url,
      STORE_DEBOUNCE_MS: '100',
      STORE_MAX_DEBOUNCE_MS: '500',
      COMPACT_MIN_LOG_BYTES: '0',
    });
    try {
      const client = await connectSynced(server.url, boardId, owner);
      for (let i = 0; i < 20; i++) setTitle(client.doc, `Title ${i}`);
      await expect.poll(() => client.provider.unsyncedChanges).toBe(0);
      await expect.poll(() => logRows(name)).toBe(0);
      expect(await snapshotText(name)).toContain('Title 19');
      client.destroy();
    } finally {
      await stop(server);
    }
  });
});
