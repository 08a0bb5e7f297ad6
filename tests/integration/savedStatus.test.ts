import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import * as Y from 'yjs';
import { addCreators, readBoard, runOperation, SavedTracker } from '@roster/shared';
import type { RosterApp } from '@roster/server';
import { connectBoard, type BoardClient } from './support/clients.ts';
import { createBoard, signUp, type TestUser } from './support/factories.ts';
import { spawnServer } from './support/processes.ts';
import { startTestServer, type TestServer } from './support/server.ts';
import { readTitle, setTitle } from './support/titleEdits.ts';

// The in-process server creates users and boards; the tests that kill a server spawn their own.
let inProcess: TestServer;
let admin: RosterApp;
let sql: postgres.Sql;
const clients: BoardClient[] = [];
const trackers: SavedTracker[] = [];

beforeAll(async () => {
  inProcess = await startTestServer();
  admin = inProcess.app;
  sql = postgres(inProcess.databaseUrl, { max: 2, onnotice: () => {} });
});
afterAll(async () => {
  for (const tracker of trackers) tracker.destroy();
  for (const client of clients) client.destroy();
  await sql.end();
  await inProcess.stop();
});

async function ownBoard(): Promise<{ owner: TestUser; boardId: string }> {
  const owner = await signUp(admin);
  return { owner, boardId: await createBoard(admin, owner) };
}

/** A synced provider on the board with the web app's saved status. */
async function connectTracked(url: string, boardId: string, owner: TestUser, onChange = (_saved: boolean) => {}) {
  const client = connectBoard(url, boardId, { cookie: owner.cookie });
  clients.push(client);
  const tracker = new SavedTracker(client.provider, { onChange });
  trackers.push(tracker);
  await expect.poll(() => client.provider.isSynced).toBe(true);
  return { client, tracker };
}

describe('the saved status', () => {
  it('says saved after 6,000 offline edits only once all are stored: a kill -9 at that moment loses none', async () => {
    const edits = 6_000;
    const { owner, boardId } = await ownBoard();
    // No snapshot before the kill: only the update log can hold the edits.
    const server = await spawnServer({
      DATABASE_URL: inProcess.databaseUrl,
      STORE_DEBOUNCE_MS: '60000',
      STORE_MAX_DEBOUNCE_MS: '60000',
    });
    let killedWhenSaved = false;
    let killOnSaved = false;
    const { client, tracker } = await connectTracked(server.url, boardId, owner, (saved) => {
      // The moment the client reports saved, before anything else can happen.
      if (saved && killOnSaved && !killedWhenSaved) {
        killedWhenSaved = true;
        server.child.kill('SIGKILL');
      }
    });
    expect(tracker.saved).toBe(true);

    client.socket.disconnect();
    await expect.poll(() => client.provider.isSynced).toBe(false);
    // Thousands of small updates, as a long offline session makes (a title edit is one each).
    for (let i = 0; i < edits; i++) setTitle(client.doc, `Offline edit ${i}`);
    const ctx = { actor: { id: owner.id, name: owner.name }, now: Date.now() };
    expect(runOperation(client.doc, addCreators, { creators: [{ name: 'Added offline' }] }, ctx).ok).toBe(true);
    expect(tracker.saved).toBe(false);

    killOnSaved = true;
    void client.socket.connect();
    await expect.poll(() => killedWhenSaved, { timeout: 60_000 }).toBe(true);
    await server.exited;
    client.destroy();

    const restarted = await spawnServer({ DATABASE_URL: inProcess.databaseUrl });
    try {
      const fresh = connectBoard(restarted.url, boardId, { cookie: owner.cookie });
      clients.push(fresh);
      await expect.poll(() => fresh.provider.isSynced, { timeout: 30_000 }).toBe(true);
      // Every insertion and every deletion the client made, not only the last value of each field.
      expect(Y.equalSnapshots(Y.snapshot(fresh.doc), Y.snapshot(client.doc))).toBe(true);
      expect(readTitle(fresh.doc)).toBe(`Offline edit ${edits - 1}`);
      expect(readBoard(fresh.doc).creators.map((creator) => creator.name)).toEqual(['Added offline']);
    } finally {
      restarted.child.kill('SIGTERM');
      await restarted.exited;
    }
  }, 120_000);

  it('after a failed log append, says saved only once the edit is in a stored snapshot: a kill -9 then loses nothing', async () => {
    const { owner, boardId } = await ownBoard();
    const server = await spawnServer({
      DATABASE_URL: inProcess.databaseUrl,
      STORE_DEBOUNCE_MS: '60000',
      STORE_MAX_DEBOUNCE_MS: '60000',
    });
    const { client, tracker } = await connectTracked(server.url, boardId, owner);
    // A teammate keeps the board loaded on the server throughout.
    const teammate = connectBoard(server.url, boardId, { cookie: owner.cookie });
    clients.push(teammate);
    await expect.poll(() => teammate.provider.isSynced).toBe(true);
    // The log refuses this one edit. The server keeps it in memory and closes the sender, which
    // reconnects; its sync then sends nothing the server lacks, and that (empty) update is stored.
    await sql`create function refuse_marked_update() returns trigger language plpgsql as $$
      begin
        if position('REFUSED'::bytea in new.update) > 0 then raise exception 'refused for the test'; end if;
        return new;
      end $$`;
    await sql`create trigger refuse_marked before insert on document_updates
      for each row execute function refuse_marked_update()`;
    try {
      setTitle(client.doc, 'REFUSED by the log');
      await expect.poll(() => client.closeCode()).toBe(1011);
      await expect.poll(() => tracker.saved, { timeout: 15_000 }).toBe(true);
    } finally {
      await sql`drop trigger refuse_marked on document_updates`;
      await sql`drop function refuse_marked_update`;
    }
    server.child.kill('SIGKILL');
    await server.exited;
    client.destroy();
    teammate.destroy();

    const restarted = await spawnServer({ DATABASE_URL: inProcess.databaseUrl });
    try {
      const fresh = connectBoard(restarted.url, boardId, { cookie: owner.cookie });
      clients.push(fresh);
      await expect.poll(() => fresh.provider.isSynced).toBe(true);
      expect(readTitle(fresh.doc)).toBe('REFUSED by the log');
    } finally {
      restarted.child.kill('SIGTERM');
      await restarted.exited;
    }
  });

  it('is not saved while an edit waits for its log append, and is saved once the append commits', async () => {
    const { owner, boardId } = await ownBoard();
    const { client, tracker } = await connectTracked(admin.url, boardId, owner);
    // Another session blocks every insert into the update log.
    const lock = await sql.reserve();
    try {
      await lock`begin`;
      await lock`lock table document_updates in share mode`;
      setTitle(client.doc, 'Waiting for the log');
      expect(tracker.saved).toBe(false);
      // Long enough for the question and a few retries to reach the server and come back.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(tracker.saved).toBe(false);
      await lock`rollback`;
      await expect.poll(() => tracker.saved).toBe(true);
    } finally {
      lock.release();
    }
    expect(readTitle(client.doc)).toBe('Waiting for the log');
  });

  it('is not saved while offline, and is saved after reconnecting once the server has stored the edit', async () => {
    const { owner, boardId } = await ownBoard();
    const { client, tracker } = await connectTracked(admin.url, boardId, owner);
    client.socket.disconnect();
    await expect.poll(() => client.provider.isSynced).toBe(false);
    setTitle(client.doc, 'Made offline');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(tracker.saved).toBe(false);
    void client.socket.connect();
    await expect.poll(() => tracker.saved).toBe(true);
    const [row] = await sql<{ count: string }[]>`
      select count(*) from document_updates where name = ${`board:${boardId}`}`;
    expect(Number(row!.count)).toBeGreaterThan(0);
  });
});
