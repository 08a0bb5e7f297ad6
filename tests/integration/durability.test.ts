import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { createLogger, parseConfig, startRoster, type RosterApp } from '@roster/server';
import { connectBoard, type BoardClient } from './support/clients.ts';
import { createTestDatabase } from './support/database.ts';
import { createBoard, signUp, type TestUser } from './support/factories.ts';
import { spawnServer, type ServerProcess } from './support/processes.ts';
import { readTitle, setTitle } from './support/titleEdits.ts';

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
/** Appends a row to the update log as an earlier server version could have. */
const appendRaw = async (name: string, update: Uint8Array) =>
  sql`insert into document_updates (name, instance, update) values (${name}, 'earlier', ${Buffer.from(update)})`;
/** An update that sets the board's title, from a client that has seen `base` (or nothing). */
function titleUpdate(title: string, base?: Y.Doc): Uint8Array {
  const doc = new Y.Doc();
  if (base) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  setTitle(doc, title);
  return updates[0]!;
}
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

  // The server refuses such updates now (boardLoading.test.ts); logs written before still hold them.
  it('still opens a board whose update log holds an update Yjs cannot read', async () => {
    const { owner, boardId, name } = await ownBoard();
    const server = await spawnServer({ DATABASE_URL: database.url, STORE_DEBOUNCE_MS: '60000' });
    const client = await connectSynced(server.url, boardId, owner);
    setTitle(client.doc, 'Before the junk');
    await expect.poll(() => client.provider.unsyncedChanges).toBe(0);
    server.child.kill('SIGKILL');
    await server.exited;
    client.destroy();
    await appendRaw(name, new Uint8Array([5, 255, 255, 255, 15, 1]));
    await appendRaw(name, titleUpdate('After the junk', client.doc));

    expect(await readAfterRestart(boardId, owner, readTitle)).toBe('After the junk');
  });

  it('still opens a board whose snapshot cannot be read, from its update log', async () => {
    const { owner, boardId, name } = await ownBoard();
    await sql`update documents set state = ${Buffer.from([1, 2, 3, 4, 5, 6, 7, 8])} where name = ${name}`;
    await sql`insert into documents (name, board_id, state) values (${name}, ${boardId}, ${Buffer.from([9, 9, 9])})
      on conflict (name) do nothing`;
    await appendRaw(name, titleUpdate('From the log'));

    expect(await readAfterRestart(boardId, owner, readTitle)).toBe('From the log');
  });

  it('still opens a board whose stored state nests deeper than the board format allows, without the deep parts', async () => {
    const { owner, boardId, name } = await ownBoard();
    // Written before the server refused such updates: 5,000 nested maps, deleted, and a JSON value
    // nested 6,000 levels. Yjs overflowed its stack on every load of this state.
    const doc = new Y.Doc();
    setTitle(doc, 'Deep but readable');
    let map = doc.getMap('deep');
    for (let i = 0; i < 5_000; i++) {
      const inner = new Y.Map<unknown>();
      map.set('inner', inner);
      map = inner;
    }
    const stored = new Y.Doc();
    Y.applyUpdate(stored, Y.encodeStateAsUpdate(doc));
    let value: unknown = 'deep';
    for (let i = 0; i < 6_000; i++) value = [value];
    stored.getArray('values').push(['kept', value, 'kept too']);
    const state = Buffer.from(Y.encodeStateAsUpdate(stored));
    await sql`insert into documents (name, board_id, state) values (${name}, ${boardId}, ${state})
      on conflict (name) do update set state = excluded.state`;
    await sql`delete from document_updates where name = ${name}`;
    // The update that deletes the outermost map (built by hand: deleting it here overflows this stack too).
    const outer = doc.getMap('deep')._map.get('inner')!.id;
    const deletion = encoding.createEncoder();
    for (const n of [0, 1, outer.client, 1, outer.clock, 1]) encoding.writeVarUint(deletion, n);
    await appendRaw(name, encoding.toUint8Array(deletion));

    const found = await readAfterRestart(boardId, owner, (read) => ({
      title: readTitle(read),
      values: read.getArray('values').toArray(),
      deep: read.getMap('deep').size,
    }));
    expect(found).toEqual({ title: 'Deep but readable', values: ['kept', null, 'kept too'], deep: 0 });
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
