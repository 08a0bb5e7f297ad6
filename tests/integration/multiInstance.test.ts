import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BoardSignal, boardOperations, CloseCode, closeReason, readBoard, runOperation } from '@roster/shared';
import { createLogger, parseConfig, startRoster, type RosterApp } from '@roster/server';
import { openedConnections } from './support/openedConnections.ts';
import { createTestDatabase } from './support/database.ts';
import { addMember, createBoard, sessionIdOf, signUp } from './support/factories.ts';
import { spawnServer, type ServerProcess } from './support/processes.ts';
import { readTitle, setTitle } from './support/titleEdits.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let admin: RosterApp;
let first: ServerProcess;
let second: ServerProcess;
const { connect, closeAll } = openedConnections();

beforeAll(async () => {
  database = await createTestDatabase();
  const parsed = parseConfig({ PORT: '0', DATABASE_URL: database.url, REDIS_URL });
  if (!parsed.ok) throw new Error(parsed.problems.join());
  // Creates users and boards; its access events travel through Redis like the instances' own.
  admin = await startRoster(parsed.config, { log: createLogger('warn') });
  [first, second] = await Promise.all([
    spawnServer({ DATABASE_URL: database.url, REDIS_URL }),
    spawnServer({ DATABASE_URL: database.url, REDIS_URL }),
  ]);
});
afterAll(async () => {
  closeAll();
  first.child.kill('SIGTERM');
  second.child.kill('SIGTERM');
  await Promise.all([first.exited, second.exited]);
  await admin.close();
  await database.drop();
});

describe('two instances sharing documents through Redis', () => {
  it('delivers an edit made on one instance to a client of the other, and presence too', async () => {
    const owner = await signUp(admin, 'Ada');
    const editor = await signUp(admin, 'Ben');
    await addMember(admin, owner, editor, 'editor');
    const boardId = await createBoard(admin, owner);
    const a = connect(first.url, boardId, { cookie: owner.cookie });
    const b = connect(second.url, boardId, { cookie: editor.cookie });
    await expect.poll(() => a.provider.isSynced && b.provider.isSynced).toBe(true);
    setTitle(a.doc, 'Typed on instance one');
    await expect.poll(() => readTitle(b.doc)).toBe('Typed on instance one');
    setTitle(b.doc, 'Typed on instance two');
    await expect.poll(() => readTitle(a.doc)).toBe('Typed on instance two');
    a.provider.setAwarenessField('user', { name: 'Ada' });
    await expect
      .poll(() => [...b.provider.awareness!.getStates().values()].map((s) => (s.user as { name?: string })?.name))
      .toContain('Ada');
  });

  it("drops a viewer's update on one instance so the other never sees it", async () => {
    const owner = await signUp(admin);
    const viewer = await signUp(admin);
    await addMember(admin, owner, viewer, 'viewer');
    const boardId = await createBoard(admin, owner);
    const ownerClient = connect(first.url, boardId, { cookie: owner.cookie });
    const viewerClient = connect(second.url, boardId, { cookie: viewer.cookie });
    await expect.poll(() => ownerClient.provider.isSynced && viewerClient.provider.isSynced).toBe(true);
    setTitle(ownerClient.doc, 'Owner title');
    await expect.poll(() => readTitle(viewerClient.doc)).toBe('Owner title');
    setTitle(viewerClient.doc, 'Viewer was here');
    await expect.poll(() => viewerClient.provider.unsyncedChanges).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(readTitle(ownerClient.doc)).toBe('Owner title');
  });

  it('disconnects a removed member from the instance that did not process the removal', async () => {
    const owner = await signUp(admin);
    const editor = await signUp(admin);
    await addMember(admin, owner, editor, 'editor');
    const boardId = await createBoard(admin, owner);
    const client = connect(second.url, boardId, { cookie: editor.cookie });
    await expect.poll(() => client.provider.isSynced).toBe(true);
    expect((await admin.services.workspaces.removeMember(owner.id, owner.workspaceId, editor.id)).ok).toBe(true);
    await expect.poll(() => client.closedReason()).toBe(closeReason(CloseCode.Forbidden));
  });

  it('closes a socket on one instance when its session signs out on another', async () => {
    const owner = await signUp(admin);
    const boardId = await createBoard(admin, owner);
    const onFirst = connect(first.url, boardId, { cookie: owner.cookie });
    const onSecond = connect(second.url, boardId, { cookie: owner.cookie });
    await expect.poll(() => onFirst.provider.isSynced && onSecond.provider.isSynced).toBe(true);
    // The sign-out is handled by a third instance (the one that serves the logout form).
    await admin.services.sessions.invalidate(await sessionIdOf(admin, owner));
    await expect
      .poll(() => [onFirst.closeCode(), onSecond.closeCode()])
      .toEqual([CloseCode.Unauthorized, CloseCode.Unauthorized]);
  });

  it('tells a board page open on another instance that the board was renamed, once', async () => {
    const owner = await signUp(admin);
    const boardId = await createBoard(admin, owner);
    const client = connect(second.url, boardId, { cookie: owner.cookie });
    const heard: string[] = [];
    client.provider.on('stateless', ({ payload }: { payload: string }) => heard.push(payload));
    await expect.poll(() => client.provider.isSynced).toBe(true);
    expect((await admin.services.boards.rename(owner.id, boardId, { name: 'Renamed elsewhere' })).ok).toBe(true);
    await expect.poll(() => heard).toEqual([BoardSignal.Renamed]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(heard).toEqual([BoardSignal.Renamed]);
  });

  it('delivers a status change made on one instance to a webhook once, though both instances have the board open', async () => {
    const owner = await signUp(admin);
    const boardId = await createBoard(admin, owner);
    const bodies: string[] = [];
    const receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        bodies.push(body);
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      const hook = await admin.services.webhooks.create(owner.id, owner.workspaceId, {
        url,
        events: ['creator.status_changed'],
      });
      expect(hook.ok).toBe(true);
      const added = await admin.services.applyOperation(
        boardId,
        boardOperations.addCreators,
        { creators: [{ name: 'Twice Seen' }] },
        { id: owner.id, name: owner.name, role: 'owner' },
      );
      if (!added.ok) throw new Error(added.error.message);
      const a = connect(first.url, boardId, { cookie: owner.cookie });
      const b = connect(second.url, boardId, { cookie: owner.cookie });
      await expect.poll(() => readBoard(a.doc).creators.length + readBoard(b.doc).creators.length).toBe(2);

      const moved = runOperation(
        a.doc,
        boardOperations.setStatus,
        { creatorIds: added.ids, group: 'payment', statusId: 'payment.paid-fully' },
        { actor: { id: owner.id, name: owner.name }, now: Date.now() },
      );
      expect(moved.ok).toBe(true);
      await expect.poll(() => readBoard(b.doc).creators[0]?.statuses.payment).toBe('payment.paid-fully');
      await expect.poll(() => bodies.length, { timeout: 10_000 }).toBe(1);
      // Both instances applied the update and polled the outbox since; still one delivery.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect(bodies).toHaveLength(1);
      expect(JSON.parse(bodies[0]!)).toMatchObject({ event: 'creator.status_changed', statusName: 'Paid fully' });
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });
});
