import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AQS_BANDS, readAqsBands } from '@roster/shared';
import { createLogger, parseConfig, startRoster, type RosterApp } from '@roster/server';
import { connectBoard, type BoardClient } from './support/clients.ts';
import { createTestDatabase } from './support/database.ts';
import { addMember, createBoard, signUp, type TestUser } from './support/factories.ts';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let app: RosterApp;
const clients: BoardClient[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const parsed = parseConfig({ PORT: '0', DATABASE_URL: database.url });
  if (!parsed.ok) throw new Error(parsed.problems.join());
  app = await startRoster(parsed.config, { log: createLogger('error') });
});
afterAll(async () => {
  for (const client of clients) client.destroy();
  await app.close();
  await database.drop();
});

async function open(boardId: string, user: TestUser): Promise<BoardClient> {
  const client = connectBoard(app.url, boardId, { cookie: user.cookie });
  clients.push(client);
  await expect.poll(() => client.provider.isSynced).toBe(true);
  return client;
}

const starts = (client: BoardClient) => readAqsBands(client.doc).map((band) => band.min);

describe("the workspace's AQS bands", () => {
  it('reach every open board of the workspace at once, and no other workspace', async () => {
    const owner = await signUp(app, 'Olivia Owner');
    const stranger = await signUp(app, 'Sam Stranger');
    const [first, second] = [await createBoard(app, owner, 'One'), await createBoard(app, owner, 'Two')];
    const elsewhere = await createBoard(app, stranger, 'Elsewhere');
    const [a, b, c] = [await open(first, owner), await open(second, owner), await open(elsewhere, stranger)];

    const result = await app.services.aqsBands.set(owner, owner.workspaceId, { edges: [30, 50, 70, 90] });

    expect(result).toMatchObject({ ok: true, boards: 2, failed: 0 });
    await expect.poll(() => starts(a)).toEqual([0, 30, 50, 70, 90]);
    await expect.poll(() => starts(b)).toEqual([0, 30, 50, 70, 90]);
    expect(starts(c)).toEqual([0, 25, 45, 65, 85]);
    expect(readAqsBands(a.doc).map((band) => band.label)).toEqual(DEFAULT_AQS_BANDS.map((band) => band.label));
    expect((await app.services.workspaces.aqsBands(owner.workspaceId)).map((band) => band.min)).toEqual([
      0, 30, 50, 70, 90,
    ]);
  });

  it('are given to a board created afterwards', async () => {
    const owner = await signUp(app, 'Olivia Owner');
    await app.services.aqsBands.set(owner, owner.workspaceId, { edges: [10, 20, 30, 40] });
    const boardId = await createBoard(app, owner, 'Later');
    await app.services.aqsBands.startBoard(boardId, { id: owner.id, name: owner.name, role: 'owner' });
    expect(starts(await open(boardId, owner))).toEqual([0, 10, 20, 30, 40]);
  });

  it('are given to a board restored from the archive, which missed the change', async () => {
    const owner = await signUp(app, 'Olivia Owner');
    const boardId = await createBoard(app, owner, 'Archived');
    expect((await app.services.boards.setArchived(owner.id, boardId, true)).ok).toBe(true);
    expect(await app.services.aqsBands.set(owner, owner.workspaceId, { edges: [20, 40, 60, 80] })).toMatchObject({
      boards: 0,
    });
    expect((await app.services.boards.setArchived(owner.id, boardId, false)).ok).toBe(true);
    await app.services.aqsBands.startBoard(
      boardId,
      { id: owner.id, name: owner.name, role: 'owner' },
      { restored: true },
    );
    expect(starts(await open(boardId, owner))).toEqual([0, 20, 40, 60, 80]);
  });

  it('may be set only by an owner', async () => {
    const owner = await signUp(app, 'Olivia Owner');
    const editor = await signUp(app, 'Eddie Editor');
    await addMember(app, owner, editor, 'editor');
    const boardId = await createBoard(app, owner);
    const client = await open(boardId, owner);

    const result = await app.services.aqsBands.set(editor, owner.workspaceId, { edges: [30, 50, 70, 90] });

    expect(result).toEqual({
      ok: false,
      status: 403,
      error: { code: 'forbidden', message: 'Only owners can change the audience quality score bands.' },
    });
    expect((await app.services.workspaces.aqsBands(owner.workspaceId)).map((band) => band.min)).toEqual([
      0, 25, 45, 65, 85,
    ]);
    expect(starts(client)).toEqual([0, 25, 45, 65, 85]);
  });

  it('refuses edges that do not increase, naming the band, and changes nothing', async () => {
    const owner = await signUp(app, 'Olivia Owner');
    const result = await app.services.aqsBands.set(owner, owner.workspaceId, { edges: [25, 60, 50, 85] });
    expect(result).toEqual({
      ok: false,
      status: 400,
      error: {
        code: 'invalid_input',
        message: 'Where Very good starts must be above where Good starts (60).',
        field: 'edges.2',
      },
    });
    expect((await app.services.workspaces.aqsBands(owner.workspaceId)).map((band) => band.min)).toEqual([
      0, 25, 45, 65, 85,
    ]);
  });

  it('refuses hostile input without a crash', async () => {
    const owner = await signUp(app, 'Olivia Owner');
    for (const input of [null, 'x', { edges: 'x' }, { edges: Array(10_000).fill(1) }, { edges: [1, 2, 3, 1e308] }]) {
      const result = await app.services.aqsBands.set(owner, owner.workspaceId, input);
      expect(result).toMatchObject({ ok: false, status: 400 });
    }
  });
});
