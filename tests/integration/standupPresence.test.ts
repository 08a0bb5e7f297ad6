import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardDocumentName, MAX_PRESENCE_CHARS, noFilter } from '@roster/shared';
import type { BoardClient } from './support/clients.ts';
import { openedConnections } from './support/openedConnections.ts';
import { addMember, createBoard, signUp } from './support/factories.ts';
import { presenceMessage } from './support/rawBoardSocket.ts';
import { startTestServer, type TestServer } from './support/server.ts';

let server: TestServer;
const { connect, openRaw, closeAll } = openedConnections();

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  closeAll();
  await server.stop();
});

/** A presenter's `standup` presence field as the board page sends it. */
const presenting = (overrides: Record<string, unknown> = {}) => ({
  startedAt: Date.UTC(2026, 11, 3, 9),
  view: {
    view: 'kanban',
    group: 'contract',
    filter: { ...noFilter(), text: 'mia' },
    sort: null,
    scroll: [['kanban', 0, 500]],
    open: 'abc123',
    ...overrides,
  },
});

/** An owner's observing client and a viewer's raw socket on one board. */
async function boardWithViewerSocket() {
  const owner = await signUp(server.app, 'Ada');
  const viewer = await signUp(server.app, 'Vic');
  await addMember(server.app, owner, viewer, 'viewer');
  const boardId = await createBoard(server.app, owner);
  const name = boardDocumentName(boardId);
  const observer = connect(server.app.url, boardId, { cookie: owner.cookie, ownPresenceOnly: true });
  await expect.poll(() => observer.provider.isSynced).toBe(true);
  const socket = await openRaw(server.app.url, viewer.cookie);
  expect(await socket.authenticate(name)).toBe('authenticated');
  const user = { id: viewer.id, name: 'Vic' };
  let clock = 0;
  const send = (state: Record<string, unknown>) =>
    socket.send(presenceMessage(name, [[4242, ++clock, { user, ...state }]]));
  const state = (client: BoardClient = observer) => client.provider.awareness!.getStates().get(4242);
  /** Every `marker` the observer was shown, in order. */
  const seen: unknown[] = [];
  observer.provider.awareness!.on('change', () => seen.push(state()?.marker));
  return { send, state, seen };
}

describe('standup fields in presence', () => {
  it("passes a presenter's view and whom a follower follows to everyone on the board", async () => {
    const { send, state } = await boardWithViewerSocket();
    send({ standup: presenting(), following: 'user-1' });
    await expect.poll(() => state()?.standup).toEqual(presenting());
    expect(state()?.following).toBe('user-1');
  });

  it('clears a standup view that does not parse, and keeps the rest of the state', async () => {
    const { send, state } = await boardWithViewerSocket();
    send({ standup: presenting(), marker: 1 });
    await expect.poll(() => state()?.marker).toBe(1);
    // Too many scroll areas, a script as the view type, an open creator id of 10,000 characters.
    for (const [marker, view] of [
      [2, { scroll: Array.from({ length: 500 }, (_, i) => [`c${i}`, 0, 0]) }],
      [3, { view: '<script>' }],
      [4, { open: 'x'.repeat(10_000) }],
    ] as const) {
      send({ standup: presenting(view), following: { id: 'not a string' }, marker });
      await expect.poll(() => state()?.marker).toBe(marker);
      expect(state()?.standup).toBeNull();
      expect(state()?.following).toBeNull();
      expect((state()?.user as { name: string }).name).toBe('Vic');
    }
  });

  it('drops a presence state longer than the limit and goes on relaying the next ones', async () => {
    const { send, state, seen } = await boardWithViewerSocket();
    send({ padding: 'x'.repeat(MAX_PRESENCE_CHARS), marker: 1 });
    send({ marker: 2 });
    await expect.poll(() => state()?.marker).toBe(2);
    expect(seen).not.toContain(1);
  });
});
