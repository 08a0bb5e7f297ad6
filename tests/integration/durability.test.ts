import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import { readTitle, setTitle } from '@roster/shared';
import { createLogger, parseConfig, startRoster, type RosterApp } from '@roster/server';
import { connectBoard, type BoardClient } from './support/clients.ts';
import { createTestDatabase } from './support/database.ts';
import { createBoard, signUp } from './support/factories.ts';
import { spawnServer } from './support/processes.ts';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
// An in-process app on the same database, used only to create users and boards.
let admin: RosterApp;
const clients: BoardClient[] = [];
const connect = (...args: Parameters<typeof connectBoard>) => {
  const client = connectBoard(...args);
  clients.push(client);
  return client;
};

beforeAll(async () => {
  database = await createTestDatabase();
  const parsed = parseConfig({ PORT: '0', DATABASE_URL: database.url });
  if (!parsed.ok) throw new Error(parsed.problems.join());
  admin = await startRoster(parsed.config, { log: createLogger('warn') });
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await admin.close();
  await database.drop();
});

describe('durability', () => {
  it('keeps every acknowledged edit when the server is killed with SIGKILL', async () => {
    const owner = await signUp(admin);
    const boardId = await createBoard(admin, owner);
    // A long debounce: no snapshot is written before the kill, so only the update log can save us.
    const server = await spawnServer({
      DATABASE_URL: database.url,
      STORE_DEBOUNCE_MS: '60000',
      STORE_MAX_DEBOUNCE_MS: '60000',
    });
    const client = connect(server.url, boardId, { cookie: owner.cookie });
    await expect.poll(() => client.provider.isSynced).toBe(true);
    const items = client.doc.getArray<string>('edits');
    for (let i = 0; i < 50; i++) items.push([`edit ${i}`]);
    setTitle(client.doc, 'Before the crash');
    // unsyncedChanges reaches 0 only when the server acknowledged every update.
    await expect.poll(() => client.provider.unsyncedChanges).toBe(0);
    server.child.kill('SIGKILL');
    await server.exited;
    client.destroy();

    const restarted = await spawnServer({ DATABASE_URL: database.url });
    try {
      const fresh = connect(restarted.url, boardId, { cookie: owner.cookie });
      await expect.poll(() => fresh.provider.isSynced).toBe(true);
      expect(readTitle(fresh.doc)).toBe('Before the crash');
      expect(fresh.doc.getArray<string>('edits').toArray()).toEqual(Array.from({ length: 50 }, (_, i) => `edit ${i}`));
      fresh.destroy();
    } finally {
      restarted.child.kill('SIGTERM');
      await restarted.exited;
    }
  });

  it('still opens a board whose update log holds an update Yjs cannot read', async () => {
    const owner = await signUp(admin);
    const boardId = await createBoard(admin, owner);
    const server = await spawnServer({ DATABASE_URL: database.url });
    const client = connect(server.url, boardId, { cookie: owner.cookie });
    await expect.poll(() => client.provider.isSynced).toBe(true);
    setTitle(client.doc, 'Before the junk');
    await expect.poll(() => client.provider.unsyncedChanges).toBe(0);
    // A hacked client sends a well-formed sync message whose update is garbage: it reaches the log
    // before Hocuspocus fails to apply it and closes that connection.
    const name = `board:${boardId}`;
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
    raw.send(
      message((e) => (encoding.writeVarUint(e, 2), encoding.writeVarUint(e, 0), encoding.writeVarString(e, 'x'))),
    );
    const sql = postgres(database.url, { max: 1 });
    try {
      const rowsBefore = (await sql`select 1 from document_updates where name = ${name}`).count;
      raw.send(
        message((e) => {
          encoding.writeVarUint(e, 0); // sync
          encoding.writeVarUint(e, 2); // update
          encoding.writeVarUint8Array(e, new Uint8Array([5, 255, 255, 255, 15, 1]));
        }),
      );
      await expect
        .poll(async () => (await sql`select 1 from document_updates where name = ${name}`).count)
        .toBe(rowsBefore + 1);
    } finally {
      await sql.end();
      raw.terminate();
    }
    server.child.kill('SIGKILL');
    await server.exited;
    client.destroy();

    const restarted = await spawnServer({ DATABASE_URL: database.url });
    try {
      const fresh = connect(restarted.url, boardId, { cookie: owner.cookie });
      await expect.poll(() => fresh.provider.isSynced).toBe(true);
      expect(readTitle(fresh.doc)).toBe('Before the junk');
      fresh.destroy();
    } finally {
      restarted.child.kill('SIGTERM');
      await restarted.exited;
    }
  });

  it('broadcasts an edit at once but acknowledges it only when the update log has it', async () => {
    const owner = await signUp(admin);
    const boardId = await createBoard(admin, owner);
    const writer = connect(admin.url, boardId, { cookie: owner.cookie });
    const reader = connect(admin.url, boardId, { cookie: owner.cookie });
    await expect.poll(() => writer.provider.isSynced && reader.provider.isSynced).toBe(true);
    // Another session holds a lock that blocks every insert into the update log.
    const sql = postgres(database.url, { max: 2 });
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
      const logged = await sql`select 1 from document_updates where name = ${`board:${boardId}`}`;
      expect(logged.count).toBeGreaterThan(0);
    } finally {
      lock.release();
      await sql.end();
    }
  });

  it('stores pending changes into the snapshot on SIGTERM and keeps them across a restart', async () => {
    const owner = await signUp(admin);
    const boardId = await createBoard(admin, owner);
    const server = await spawnServer({
      DATABASE_URL: database.url,
      STORE_DEBOUNCE_MS: '60000',
      STORE_MAX_DEBOUNCE_MS: '60000',
    });
    const client = connect(server.url, boardId, { cookie: owner.cookie });
    await expect.poll(() => client.provider.isSynced).toBe(true);
    setTitle(client.doc, 'Stored on shutdown');
    await expect.poll(() => client.provider.unsyncedChanges).toBe(0);
    const sql = postgres(database.url, { max: 1 });
    try {
      const before = await sql`select 1 from documents where name = ${`board:${boardId}`}`;
      expect(before.count).toBe(0);
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      const [snapshot] = await sql<{ state: Buffer }[]>`select state from documents where name = ${`board:${boardId}`}`;
      expect(snapshot?.state.toString('latin1')).toContain('Stored on shutdown');
      // Compaction removed the log rows the snapshot now holds.
      const log = await sql`select 1 from document_updates where name = ${`board:${boardId}`}`;
      expect(log.count).toBe(0);
    } finally {
      await sql.end();
    }
    client.destroy();
    const restarted = await spawnServer({ DATABASE_URL: database.url });
    try {
      const fresh = connect(restarted.url, boardId, { cookie: owner.cookie });
      await expect.poll(() => fresh.provider.isSynced).toBe(true);
      expect(readTitle(fresh.doc)).toBe('Stored on shutdown');
      fresh.destroy();
    } finally {
      restarted.child.kill('SIGTERM');
      await restarted.exited;
    }
  });

  it('leaves a short update log alone and compacts once the log has grown past the threshold', async () => {
    const owner = await signUp(admin);
    const boardId = await createBoard(admin, owner);
    const server = await spawnServer({
      DATABASE_URL: database.url,
      STORE_DEBOUNCE_MS: '100',
      STORE_MAX_DEBOUNCE_MS: '300',
      COMPACT_MIN_LOG_BYTES: '4000',
    });
    const sql = postgres(database.url, { max: 1 });
    const name = `board:${boardId}`;
    const logRows = async () => (await sql`select 1 from document_updates where name = ${name}`).count;
    const snapshots = async () => (await sql`select 1 from documents where name = ${name}`).count;
    try {
      const client = connect(server.url, boardId, { cookie: owner.cookie });
      await expect.poll(() => client.provider.isSynced).toBe(true);
      for (let i = 0; i < 5; i++) setTitle(client.doc, `Small edit ${i}`);
      await expect.poll(() => client.provider.unsyncedChanges).toBe(0);
      // Several debounces pass: the few hundred bytes stay in the log, no snapshot is written.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(await logRows()).toBeGreaterThan(0);
      expect(await snapshots()).toBe(0);
      client.doc.getArray<string>('notes').push([`${'x'.repeat(5000)}`]);
      await expect.poll(() => client.provider.unsyncedChanges).toBe(0);
      await expect.poll(snapshots).toBe(1);
      await expect.poll(logRows).toBe(0);
      client.destroy();
    } finally {
      await sql.end();
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });

  it('compacts the update log into the snapshot after the debounce while the board stays open', async () => {
    const owner = await signUp(admin);
    const boardId = await createBoard(admin, owner);
    const server = await spawnServer({
      DATABASE_URL: database.url,
      STORE_DEBOUNCE_MS: '100',
      STORE_MAX_DEBOUNCE_MS: '500',
      COMPACT_MIN_LOG_BYTES: '0',
    });
    const sql = postgres(database.url, { max: 1 });
    try {
      const client = connect(server.url, boardId, { cookie: owner.cookie });
      await expect.poll(() => client.provider.isSynced).toBe(true);
      for (let i = 0; i < 20; i++) setTitle(client.doc, `Title ${i}`);
      await expect.poll(() => client.provider.unsyncedChanges).toBe(0);
      const name = `board:${boardId}`;
      await expect.poll(async () => (await sql`select 1 from document_updates where name = ${name}`).count).toBe(0);
      const [snapshot] = await sql<{ state: Buffer }[]>`select state from documents where name = ${name}`;
      expect(snapshot?.state.toString('latin1')).toContain('Title 19');
      client.destroy();
    } finally {
      await sql.end();
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });
});
