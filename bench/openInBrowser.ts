// Big boards in Chromium against the built app, for 500 / 5,000 / 20,000 creators:
// - first visit: navigation start → the frame that first shows a creator card (empty browser
//   profile), whether that card came from the server-rendered preview (issue 16), and the frame
//   that first shows a card of the live board (connect, sync, read, render);
// - second visit: the same, in the same browser context (its IndexedDB copy of the board kept), and
//   what the connection badge said in that frame ("Connecting…": drawn from the local copy);
// - scrolling: the longest kanban column, then the table, scrolled by script every frame for a few
//   seconds while a teammate (a provider in this process) moves a creator every 250 ms; frame
//   intervals from requestAnimationFrame: frames dropped (an interval of n × 16.7 ms drops n − 1)
//   and the 95th percentile interval.
// Every figure is the median of the runs (each run's beside it).
// Run: pnpm bench:browser [--counts=500,5000] [--runs=3] [--scroll-seconds=4] [--no-scroll] [--no-preview]
//   (after `pnpm build`; Chromium from CHROMIUM_PATH or /usr/bin/chromium)
import os from 'node:os';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import WebSocket from 'ws';
import * as Y from 'yjs';
import {
  addCreators,
  boardDocumentName,
  COLLAB_PATH,
  readBoard,
  runOperation,
  SESSION_COOKIE,
  setStatus,
} from '@roster/shared';
import { createLogger, parseConfig, startRoster } from '@roster/server';
import { createTestDatabase } from '../tests/integration/support/database.ts';
import { spawnListening } from './processes.ts';

const option = (name: string, fallback: string) =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const COUNTS = option('counts', '500,5000,20000').split(',').map(Number);
const RUNS = Number(option('runs', '3'));
const SCROLL_MS = Number(option('scroll-seconds', '4')) * 1000;
const SCROLL = !process.argv.includes('--no-scroll');
/** `--no-preview`: the board pages are served without a preview (none is built), as before issue 16's previews. */
const PREVIEWS = !process.argv.includes('--no-preview');
/** The teammate's pace: one status move every this many ms. */
const MOVE_EVERY_MS = 250;
const FRAME_MS = 1000 / 60;

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
const { user, workspaceId, token } = account;
const session = await admin.services.sessions.validate(token);
const minted = session && (await admin.services.sessions.createCollabToken(session.sessionId, 3 * 60 * 60 * 1000));
if (!minted) throw new Error('no collab token');
const app = await spawnListening('server/src/main.ts', {
  env: { DATABASE_URL: database.url, LOG_LEVEL: 'info', ...(PREVIEWS ? {} : { PREVIEW_MIN_CREATORS: '1000000000' }) },
});
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

/**
 * In every page: the time (ms after navigation start) of the animation frame in which a creator
 * card is first in the document, the connection badge's text then and whether that card was the
 * server's preview (`board-preview`, drawn before the board is loaded); and the frame in which a
 * card of the live board (outside the preview) is first in the document.
 */
const FIRST_CARD_PROBE = `
  // tsx names the functions this script passes to page.evaluate with a helper of its own.
  globalThis.__name = (f) => f;
  const PREVIEW = '[data-testid="board-preview"]';
  const whenSeen = (found, measure) => new Promise((resolve) => {
    const seen = () => {
      if (!found()) return false;
      requestAnimationFrame((time) => resolve({ ms: time, ...measure() }));
      return true;
    };
    const observer = new MutationObserver(() => seen() && observer.disconnect());
    observer.observe(document, { childList: true, subtree: true });
  });
  window.__firstCard = whenSeen(
    () => document.querySelector('[data-testid="creator-card"]'),
    () => ({
      status: document.querySelector('[data-testid="connection-status"]')?.textContent ?? '',
      preview: document.querySelector(PREVIEW) !== null,
    }),
  );
  window.__firstLiveCard = whenSeen(
    () => Array.from(document.querySelectorAll('[data-testid="creator-card"]')).some((card) => !card.closest(PREVIEW)),
    () => ({}),
  );
`;

interface Visit {
  /** The first card's frame, ms after navigation start: the preview's, when one was served. */
  ms: number;
  status: string;
  /** Whether the first card was the server's preview. */
  preview: boolean;
  /** The first frame with a card of the live board. */
  liveMs: number;
  /** When the page's marks were set (boardConnection.ts), ms after navigation start; -1: never. */
  open: number;
  cacheLoaded: number;
  synced: number;
  /** Navigation timing, ms after navigation start: the HTML's first and last byte, the DOM parsed. */
  htmlFirstByte: number;
  htmlLoaded: number;
  domParsed: number;
}

/** Opens the board, waits for its first card and for it to be live. */
async function visit(page: Page, boardId: string): Promise<Visit> {
  await page.goto(`/w/${workspaceId}/b/${boardId}`);
  const first = await page.evaluate(() => (window as unknown as { __firstCard: Promise<Visit> }).__firstCard);
  const live = await page.evaluate(
    () => (window as unknown as { __firstLiveCard: Promise<{ ms: number }> }).__firstLiveCard,
  );
  await waitForLive(page);
  const marks = await page.evaluate(() =>
    ['open', 'cache-loaded', 'synced'].map(
      (name) => performance.getEntriesByName(`roster:board-${name}`)[0]?.startTime ?? -1,
    ),
  );
  const navigation = await page.evaluate(() => {
    const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return [entry.responseStart, entry.responseEnd, entry.domContentLoadedEventEnd];
  });
  return {
    ...first,
    liveMs: live.ms,
    open: marks[0]!,
    cacheLoaded: marks[1]!,
    synced: marks[2]!,
    htmlFirstByte: navigation[0]!,
    htmlLoaded: navigation[1]!,
    domParsed: navigation[2]!,
  };
}

/** Waits until the page's IndexedDB copy of the board holds at least `bytes` (it is written as updates arrive). */
async function waitForLocalCopy(page: Page, boardId: string, bytes: number): Promise<void> {
  const name = `roster:${user.id}:${boardDocumentName(boardId)}`;
  await page.waitForFunction(
    async ({ name, bytes }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error as Error);
      });
      try {
        if (!db.objectStoreNames.contains('updates')) return false;
        const all = await new Promise<Uint8Array[]>((resolve, reject) => {
          const request = db.transaction('updates').objectStore('updates').getAll();
          request.onsuccess = () => resolve(request.result as Uint8Array[]);
          request.onerror = () => reject(request.error as Error);
        });
        return all.reduce((sum, update) => sum + update.byteLength, 0) >= bytes;
      } finally {
        db.close();
      }
    },
    { name, bytes },
    { timeout: 120_000, polling: 250 },
  );
}

/**
 * Has the board's preview built before it is measured, as every board that was edited through
 * Roster has one: the bench writes the document straight into PostgreSQL, and a board's first load
 * builds its preview (in a worker thread of the process that loaded it: here the bench's own
 * Roster, so the measured server does not build it during a visit).
 */
async function waitForPreview(boardId: string): Promise<void> {
  const connection = await admin.services.collab.hocuspocus.openDirectConnection(boardDocumentName(boardId), {
    reader: true,
  });
  await connection.disconnect();
  const started = Date.now();
  while (!(await admin.services.boardPreviews.read(boardId))) {
    if (Date.now() - started > 120_000) throw new Error('the board preview was not built within 2 minutes');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function waitForLive(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('[data-testid="connection-status"]')?.textContent?.trim() === 'Live',
    undefined,
    { timeout: 120_000 },
  );
}

interface Frames {
  dropped: number;
  p95: number;
  frames: number;
  /** How long the page's main thread ran tasks per frame (CDP's TaskDuration), ms. */
  busyPerFrame: number;
}

/** The main thread's task time so far, ms, as one CDP session counts it (from its Performance.enable). */
async function taskTime(session: CDPSession): Promise<number> {
  const { metrics } = await session.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
}

/** Scrolls the element by script every frame for SCROLL_MS (down, and back up at the end). */
async function scrollFrames(page: Page, selector: string): Promise<Frames> {
  // One session for both readings: each session counts task time from its own Performance.enable,
  // so readings from two sessions were both ~0 and their difference meaningless.
  const session = await page.context().newCDPSession(page);
  await session.send('Performance.enable');
  const busyBefore = await taskTime(session);
  const times = await page.evaluate(
    ({ selector, ms }) =>
      new Promise<number[]>((resolve) => {
        const element = document.querySelector<HTMLElement>(selector);
        if (!element) throw new Error(`nothing matches ${selector}`);
        const times: number[] = [];
        let direction = 1;
        const step = (time: number) => {
          times.push(time);
          const before = element.scrollTop;
          element.scrollTop += 40 * direction;
          if (element.scrollTop === before) direction = -direction;
          if (time - times[0]! < ms) requestAnimationFrame(step);
          else resolve(times);
        };
        requestAnimationFrame(step);
      }),
    { selector, ms: SCROLL_MS },
  );
  const busy = (await taskTime(session)) - busyBefore;
  await session.detach();
  const intervals = times.slice(1).map((time, i) => time - times[i]!);
  const dropped = intervals.reduce((sum, interval) => sum + Math.max(0, Math.round(interval / FRAME_MS) - 1), 0);
  intervals.sort((a, b) => a - b);
  return {
    dropped,
    p95: intervals[Math.floor(intervals.length * 0.95)] ?? 0,
    frames: intervals.length,
    busyPerFrame: busy / Math.max(1, intervals.length),
  };
}

/** A teammate on the board: a provider in this process moving a random creator every MOVE_EVERY_MS. */
async function teammate(boardId: string): Promise<{ moves: () => number; stop: () => void }> {
  const socket = new HocuspocusProviderWebsocket({
    url: `${app.url.replace(/^http/, 'ws')}${COLLAB_PATH}?token=${minted!.token}`,
    WebSocketPolyfill: WebSocket,
  });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: boardDocumentName(boardId),
    token: 'bench',
  });
  provider.attach();
  await new Promise<void>((resolve) => (provider.isSynced ? resolve() : provider.on('synced', () => resolve())));
  const board = readBoard(provider.document);
  const ids = board.creators.map((c) => c.id);
  const statuses = board.statuses.influencer.filter((s) => !s.archived).map((s) => s.id);
  let moves = 0;
  const timer = setInterval(() => {
    const creatorId = ids[Math.floor(Math.random() * ids.length)]!;
    const statusId = statuses[Math.floor(Math.random() * statuses.length)]!;
    runOperation(
      provider.document,
      setStatus,
      { creatorIds: [creatorId], group: 'influencer', statusId },
      { actor: { id: 'teammate', name: 'Teammate' }, now: Date.now() },
    );
    moves++;
  }, MOVE_EVERY_MS);
  return {
    moves: () => moves,
    stop: () => {
      clearInterval(timer);
      provider.destroy();
      socket.destroy();
    },
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const show = (values: number[], digits = 0) =>
  `${median(values).toFixed(digits)} (${values.map((v) => v.toFixed(digits)).join(', ')})`;

console.log(
  `Chromium ${browser.version()}, headless; ${os.cpus().length} cores (${os.loadavg()[0]!.toFixed(1)} load); ` +
    `median of ${RUNS} runs (each run's in brackets)`,
);
for (const count of COUNTS) {
  const created = await admin.services.boards.create(user.id, workspaceId, { name: `Open ${count}` });
  if (!created.ok) throw new Error(created.error.message);
  const boardId = created.board.id;
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
    .sql`insert into documents (name, board_id, state) values (${boardDocumentName(boardId)}, ${boardId}, ${Buffer.from(state)})`;
  if (PREVIEWS) await waitForPreview(boardId);
  const first: Visit[] = [];
  const second: Visit[] = [];
  const kanbanQuiet: Frames[] = [];
  const kanban: Frames[] = [];
  const table: Frames[] = [];
  const tableQuiet: Frames[] = [];
  let moves = 0;
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ baseURL: app.url, viewport: { width: 1440, height: 900 } });
    await context.addCookies([{ name: SESSION_COOKIE, value: token, url: app.url }]);
    await context.addInitScript(FIRST_CARD_PROBE);
    const firstPage = await context.newPage();
    first.push(await visit(firstPage, boardId));
    await waitForLocalCopy(firstPage, boardId, state.byteLength * 0.9);
    await firstPage.close();
    const page = await context.newPage();
    second.push(await visit(page, boardId));
    if (SCROLL) {
      // The longest column: its scroller is the VirtualList inside it.
      const longest = await page.evaluate(() => {
        const columns = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="kanban-column"]'));
        const count = (c: HTMLElement) => Number(c.querySelector('[data-testid="column-count"]')?.textContent ?? 0);
        return columns.sort((a, b) => count(b) - count(a))[0]?.dataset.statusId ?? '';
      });
      const column = `[data-testid="kanban-column"][data-status-id="${longest}"] .body`;
      // Alone first (what the machine and the page give without changes), then with a teammate.
      kanbanQuiet.push(await scrollFrames(page, column));
      const mate = await teammate(boardId);
      kanban.push(await scrollFrames(page, column));
      await page.getByRole('tab', { name: 'Table' }).click();
      await page.getByTestId('table-row').first().waitFor();
      table.push(await scrollFrames(page, '[data-testid="table-rows"]'));
      moves = mate.moves();
      mate.stop();
      tableQuiet.push(await scrollFrames(page, '[data-testid="table-rows"]'));
    }
    await context.close();
  }
  console.log(`\n${count} creators (document ${(state.byteLength / 1e6).toFixed(1)} MB)`);
  for (const [name, visits] of [
    ['first visit ', first],
    ['second visit', second],
  ] as const) {
    console.log(
      `  ${name} first card ms ${show(visits.map((v) => v.ms))} (preview: ${visits.map((v) => (v.preview ? 'yes' : 'no')).join(', ')}), ` +
        `first live card ms ${show(visits.map((v) => v.liveMs))}; ` +
        `HTML first byte ${show(visits.map((v) => v.htmlFirstByte))}, HTML loaded ${show(visits.map((v) => v.htmlLoaded))}, DOM parsed ${show(visits.map((v) => v.domParsed))}, app started ${show(visits.map((v) => v.open))}, local copy loaded ${show(visits.map((v) => v.cacheLoaded))}, ` +
        `synced ${show(visits.map((v) => v.synced))}; badge at first card: ${visits.map((v) => v.status).join(', ')}`,
    );
  }
  if (SCROLL) {
    for (const [name, frames] of [
      ['kanban, alone', kanbanQuiet],
      ['kanban, teammate moving', kanban],
      ['table, teammate moving', table],
      ['table, alone', tableQuiet],
    ] as const) {
      console.log(
        `  scroll ${name.padEnd(24)} dropped frames ${show(frames.map((f) => f.dropped))} of ~${median(frames.map((f) => f.frames))}, ` +
          `frame p95 ms ${show(
            frames.map((f) => f.p95),
            1,
          )}, main thread busy per frame ms ${show(
            frames.map((f) => f.busyPerFrame),
            1,
          )}`,
      );
    }
    console.log(`  (teammate moved a creator every ${MOVE_EVERY_MS} ms; ${moves} moves in the last run)`);
  }
}
await browser.close();
await app.stop();
await admin.close();
await database.drop();
process.exit(0);
