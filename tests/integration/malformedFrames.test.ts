import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, parseConfig, startRoster, type RosterApp } from '@roster/server';
import { createTestDatabase } from './support/database.ts';
import { signUp, type TestUser } from './support/factories.ts';
import { spawnServer, type ServerProcess } from './support/processes.ts';
import { MALFORMED_FRAMES, rawConnect, upgradeRequest, type RawSocket } from './support/rawSockets.ts';

// The server runs in its own process: a crash must fail these tests, not take vitest down with it.
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let admin: RosterApp;
let server: ServerProcess;
let exitCode: number | null | undefined;
let member: TestUser;

beforeAll(async () => {
  database = await createTestDatabase();
  const parsed = parseConfig({ PORT: '0', DATABASE_URL: database.url });
  if (!parsed.ok) throw new Error(parsed.problems.join());
  admin = await startRoster(parsed.config, { log: createLogger('warn') });
  member = await signUp(admin);
  server = await spawnServer({ DATABASE_URL: database.url });
  void server.exited.then((code) => (exitCode = code));
});
afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
  await admin?.close();
  await database?.drop();
});

const hasResponseHead = (raw: RawSocket) => raw.received().includes('\r\n\r\n');

/** Who connects and when the bad frame goes out. */
const situations: {
  name: string;
  headers: () => Record<string, string>;
  /** Sends the frame in the same packet as the upgrade request (before any answer). */
  samePacket: boolean;
}[] = [
  { name: 'an upgrade without a session, in the same packet', headers: () => ({}), samePacket: true },
  { name: 'an upgrade without a session, after the 101', headers: () => ({}), samePacket: false },
  {
    name: 'an upgrade from a foreign origin, after the 101',
    headers: () => ({ Cookie: member.cookie, Origin: 'https://evil.example' }),
    samePacket: false,
  },
  {
    name: 'an accepted upgrade, in the same packet',
    headers: () => ({ Cookie: member.cookie, Origin: server.url }),
    samePacket: true,
  },
  {
    name: 'an accepted upgrade, after the 101',
    headers: () => ({ Cookie: member.cookie, Origin: server.url }),
    samePacket: false,
  },
];

describe.each(situations)('a malformed frame on $name', ({ headers, samePacket }) => {
  it.each(Object.entries(MALFORMED_FRAMES))('%s closes that socket and the server keeps serving', async (_, bytes) => {
    const raw = await rawConnect(server.url);
    const request = upgradeRequest(server.url, headers());
    if (samePacket) raw.socket.write(Buffer.concat([request, bytes]));
    else {
      raw.socket.write(request);
      await expect.poll(() => hasResponseHead(raw)).toBe(true);
      expect(raw.received().toString('latin1')).toMatch(/^HTTP\/1\.1 101 /);
      raw.socket.write(bytes);
    }
    await raw.ended;
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(exitCode).toBeUndefined();
  });
});
