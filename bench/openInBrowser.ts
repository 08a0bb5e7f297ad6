// Time to the first rendered card for big boards, in Chromium against the built app:
// navigation start → first creator card visible (connect, sync, readBoard, render).
// Run: pnpm bench:browser   (after `pnpm build`)
import { chromium } from '@playwright/test';
import * as Y from 'yjs';
import { addCreators, boardDocumentName, runOperation, SESSION_COOKIE } from '@roster/shared';
import { createLogger, parseConfig, startRoster } from '@roster/server';
import { createTestDatabase } from '../tests/integration/support/database.ts';
import { spawnListening } from './processes.ts';

const database = await createTestDatabase();
const parsed = parseConfig({ PORT: '0', DATABASE_URL: database.url });
if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
const admin = await startRoster(parsed.config, { log: createLogger('error') });
const account = await admin.services.accounts.signUp({
  name: 'Bench',
  email: `open-${Date.now()}@example.com`,
  password: 'bench password',
});
if (!account.ok) throw new Error(account.error.message);
const app = await spawnListening('server/src/main.ts', { env: { DATABASE_URL: database.url, LOG_LEVEL: 'info' } });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
console.log('creators  document bytes  first card ms  (navigation start → first card visible; median of 3)');
for (const count of [500, 5000, 20000]) {
  const created = await admin.services.boards.create(account.user.id, account.workspaceId, { name: `Open ${count}` });
  if (!created.ok) throw new Error(created.error.message);
  const doc = new Y.Doc();
  runOperation(
    doc,
    addCreators,
    {
      creators: Array.from({ length: count }, (_, i) => ({
        name: `Creator ${i}`,
        handles: [{ platform: 'instagram' as const, handle: `c_${i}` }],
        followers: 1000 + i,
        aqs: 50,
      })),
    },
    { actor: { id: 'b', name: 'B' }, now: Date.now() },
  );
  const state = Y.encodeStateAsUpdate(doc);
  await admin.services
    .sql`insert into documents (name, board_id, state) values (${boardDocumentName(created.board.id)}, ${created.board.id}, ${Buffer.from(state)})`;
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    const context = await browser.newContext({ baseURL: app.url });
    await context.addCookies([{ name: SESSION_COOKIE, value: account.token, url: app.url }]);
    const page = await context.newPage();
    const start = Date.now();
    await page.goto(`/w/${account.workspaceId}/b/${created.board.id}`);
    await page.getByTestId('creator-card').first().waitFor({ timeout: 60_000 });
    times.push(Date.now() - start);
    await context.close();
  }
  times.sort((a, b) => a - b);
  console.log(`${String(count).padEnd(9)} ${String(state.byteLength).padEnd(15)} ${times[1]}  (${times.join(', ')})`);
}
await browser.close();
await app.stop();
await admin.close();
await database.drop();
process.exit(0);
