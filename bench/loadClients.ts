// The load process: real Yjs providers over loopback. Reads its job from BENCH_JOB (JSON), prints
// one JSON line with the results. Every board starts from the same seed (one creator per client);
// each client moves its own creator between two statuses with the board model's `setStatus`, and
// in the same transaction writes `bench[<clientID>] = { t, seq }` (the send time). Every other
// client of the board records the time from the change to its arrival (one process, one clock).
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { addCreators, COLLAB_PATH, runOperation, sendOwnPresenceOnly, setStatus } from '@roster/shared';
import { sampleAllocations } from './heapSampling.ts';
import { watchStalls, type StallRecord } from './stalls.ts';

export interface LoadJob {
  kind: 'hocuspocus' | 'y-websocket';
  /** Server base URLs (http://…); clients are spread over them round-robin. */
  urls: string[];
  /** Collab token for Roster (`?token=`); none for the peers. */
  token?: string;
  /** Document names, one per board. */
  documents: string[];
  clientsPerBoard: number;
  /** Total changes per second across all clients. */
  changesPerSecond: number;
  warmupMs: number;
  durationMs: number;
  /**
   * 'roster': providers configured as the web app configures them (own presence only, see
   * shared/src/presence.ts); 'stock': as the provider comes (what a bare Hocuspocus team runs).
   */
  clientConfig?: 'roster' | 'stock';
  /** Clients join one after another over this many ms (0: all at once). */
  joinSpreadMs?: number;
  /** Presence on (the default, as the web app has it) or off (`awareness: null` in the provider). */
  awareness?: boolean;
}

export interface LoadResult {
  clients: number;
  /** From the first client's creation until every client is synced (includes the join spread), ms. */
  connectMs: number;
  sent: number;
  /** Arrivals measured (each change × the other clients of its board). */
  deliveries: number;
  /** Per arrival, ms. */
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Per change, until the last other client of the board had it, ms. */
  allP99: number;
  /** Changes sent per second, as achieved. */
  rate: number;
  /** Every arrival and every change's slowest arrival, ms (to merge several load processes). */
  samples: number[];
  perChangeSamples: number[];
  /**
   * Per 500 ms of the measurement: arrivals slower than 5 ms, presence renewals sent, GC ms; and
   * this process's stalls. Shows whether the tail comes in bursts, and what stalled then.
   */
  slowTimeline: {
    /** When the measurement began, ms after the first client was created. */
    startedAfterCreateMs: number;
    /** Epoch ms at which the measurement began. */
    since: number;
    counts: number[];
    presenceSent: number[];
    gcMs: number[];
    /** This process's late wake-ups and GC pauses over 4 ms during the measurement. */
    stalls: StallRecord[];
  };
  /** This (load) process: event-loop delay and GC, ms. */
  load: { cpuPercent: number; loopP99: number; loopMax: number; gcCount: number; gcTotalMs: number; gcMaxMs: number };
}

const job = JSON.parse(process.env.BENCH_JOB ?? '{}') as LoadJob;
const ctx = { actor: { id: 'bench', name: 'Bench' }, now: 0 };
const STATUSES = ['influencer.contacted', 'influencer.negotiating'];

// One seed for every board: the same update applied by every client (same clientID, so the
// copies are one and the same item), so there is no race over who creates the creators.
const seed = (() => {
  const doc = new Y.Doc();
  doc.clientID = 1;
  let n = 0;
  runOperation(
    doc,
    addCreators,
    {
      creators: Array.from({ length: job.clientsPerBoard }, (_, i) => ({
        name: `Creator ${i}`,
        handles: [{ platform: 'instagram' as const, handle: `bench_${i}` }],
      })),
    },
    { ...ctx, newId: () => `c${n++}` },
  );
  return Y.encodeStateAsUpdate(doc);
})();

/**
 * `ws` with a listener for its 'error' event. A stock provider that gives up on a connection
 * attempt (its connect timeout, on a machine too busy to answer in time) closes the socket before
 * it opened, and `ws` raises that as an 'error' event: without a listener it killed the whole load
 * process. The providers see the error through their own handlers and try again.
 */
class ClientWebSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on('error', () => {});
  }
}

interface Client {
  doc: Y.Doc;
  creatorId: string;
  seq: number;
  synced: () => boolean;
  destroy: () => void;
}

const latencies: number[] = [];
/** `${clientID}:${seq}` → latest arrival so far, for the per-change figure. */
const lastArrival = new Map<string, number>();
let measuring = false;
let measuringSince = 0;
const slowCounts: number[] = [];
const presenceSent: number[] = [];
const gcMsByBucket: number[] = [];
/** Adds `amount` to the 500 ms bucket of the measurement that `at` falls in. */
const addAt = (buckets: number[], at: number, amount = 1) => {
  const bucket = Math.floor((at - measuringSince) / 500);
  buckets[bucket] = (buckets[bucket] ?? 0) + amount;
};
function countPresence(
  awareness: { on(event: 'update', f: (changes: unknown, origin: unknown) => void): void } | null,
) {
  awareness?.on('update', (_changes, origin) => {
    if (measuring && origin === 'local') addAt(presenceSent, performance.now());
  });
}
let sent = 0;

function connect(index: number, documentName: string, creatorId: string): Client {
  const base = job.urls[index % job.urls.length]!.replace(/^http/, 'ws');
  const doc = new Y.Doc();
  Y.applyUpdate(doc, seed);
  observe(doc);
  const client = { doc, creatorId, seq: 0 };
  if (job.kind === 'y-websocket') {
    const provider = new WebsocketProvider(base, documentName, doc, {
      WebSocketPolyfill: ClientWebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    if (job.awareness === false) provider.awareness.setLocalState(null);
    countPresence(provider.awareness);
    return { ...client, synced: () => provider.synced, destroy: () => provider.destroy() };
  }
  const url = job.token ? `${base}${COLLAB_PATH}?token=${job.token}` : base;
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: ClientWebSocket });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: documentName,
    document: doc,
    token: 'bench',
    ...(job.awareness === false ? { awareness: null } : {}),
  });
  if (job.clientConfig === 'roster') sendOwnPresenceOnly(provider);
  provider.attach();
  countPresence(provider.awareness);
  return {
    ...client,
    synced: () => provider.isSynced,
    destroy: () => {
      provider.destroy();
      socket.destroy();
    },
  };
}

function observe(doc: Y.Doc) {
  const map = doc.getMap<{ t: number; seq: number }>('bench');
  map.observe((event) => {
    if (event.transaction.local || !measuring) return;
    const now = performance.now();
    for (const key of event.keysChanged) {
      const value = map.get(key);
      if (!value || typeof value.t !== 'number') continue;
      const latency = now - value.t;
      latencies.push(latency);
      if (latency > 5) addAt(slowCounts, now);
      const change = `${key}:${value.seq}`;
      lastArrival.set(change, Math.max(lastArrival.get(change) ?? 0, latency));
    }
  });
}

// Clients join one after another over `joinSpreadMs`, as people open a board at different times.
// This matters beyond the connect phase: a provider renews its presence 15 s after it was created
// (y-protocols' Awareness checks every 3 s), so clients created in the same instant renew together
// for as long as they stay connected, a burst of presence messages every 15 s.
const clients: Client[] = [];
const connectStart = performance.now();
const total = job.documents.length * job.clientsPerBoard;
for (let index = 0; index < total; index++) {
  const board = Math.floor(index / job.clientsPerBoard);
  const joinAt = connectStart + (index / total) * (job.joinSpreadMs ?? 0);
  if (joinAt > performance.now()) await new Promise((resolve) => setTimeout(resolve, joinAt - performance.now()));
  clients.push(connect(index, job.documents[board]!, `c${index % job.clientsPerBoard}`));
}
const deadline = Date.now() + 120_000;
while (!clients.every((c) => c.synced())) {
  if (Date.now() > deadline) {
    console.log(JSON.stringify({ error: `only ${clients.filter((c) => c.synced()).length}/${clients.length} synced` }));
    process.exit(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
}
const connectMs = performance.now() - connectStart;

// Changes go out at a steady total rate, from clients in a fixed shuffled order (so each client
// changes every clients/rate seconds and every board gets its share).
const order = clients.map((_, i) => i);
let random = 42;
for (let i = order.length - 1; i > 0; i--) {
  random = (random * 1103515245 + 12345) % 2 ** 31;
  const j = random % (i + 1);
  [order[i], order[j]] = [order[j]!, order[i]!];
}

const loop = monitorEventLoopDelay({ resolution: 2 });
// BENCH_LOAD_HEAP_PROFILE=<file>: what the load process allocates while measuring (see bench/heapSampling.ts).
const heapSampling = process.env.BENCH_LOAD_HEAP_PROFILE
  ? sampleAllocations(process.env.BENCH_LOAD_HEAP_PROFILE, process.env.BENCH_HEAP_PROFILE_PROMOTED === '1')
  : null;
const stalls = watchStalls();
const gc: number[] = [];
new PerformanceObserver((list) => {
  if (measuring)
    for (const entry of list.getEntries()) {
      gc.push(entry.duration);
      addAt(gcMsByBucket, entry.startTime, entry.duration);
    }
}).observe({ entryTypes: ['gc'] });

let cpuAtStart = process.cpuUsage();
// Start changing only when told: with several load processes, none starts its measurement while
// another is still connecting (each connection costs the server auth and a document load).
if (process.send) {
  const go = new Promise<void>((resolve) => process.on('message', (message) => message === 'load:go' && resolve()));
  process.send('load:synced');
  await go;
}
let next = 0;
const started = performance.now();
const end = started + job.warmupMs + job.durationMs;
let due = 0;
await new Promise<void>((resolve) => {
  const timer = setInterval(() => {
    const now = performance.now();
    if (now >= end) {
      clearInterval(timer);
      resolve();
      return;
    }
    if (!measuring && now - started >= job.warmupMs) {
      measuring = true;
      measuringSince = now;
      stalls.reset();
      cpuAtStart = process.cpuUsage();
      loop.enable();
      process.send?.('load:measuring');
      void heapSampling?.start();
    }
    const shouldHaveSent = Math.floor(((now - started) / 1000) * job.changesPerSecond);
    while (due < shouldHaveSent) {
      const client = clients[order[next++ % order.length]!]!;
      const seq = ++client.seq;
      client.doc.transact(() => {
        runOperation(
          client.doc,
          setStatus,
          { creatorIds: [client.creatorId], group: 'influencer', statusId: STATUSES[seq % 2]! },
          ctx,
        );
        client.doc.getMap('bench').set(String(client.doc.clientID), { t: performance.now(), seq });
      });
      if (measuring) sent++;
      due++;
    }
  }, 1);
});
measuring = false;
loop.disable();
await heapSampling?.stop();
const cpu = process.cpuUsage(cpuAtStart);
process.send?.('load:done');
await new Promise((resolve) => setTimeout(resolve, 500));
for (const client of clients) client.destroy();

latencies.sort((a, b) => a - b);
const at = (values: number[], q: number) => values[Math.min(values.length - 1, Math.floor(q * values.length))] ?? NaN;
const perChange = [...lastArrival.values()].sort((a, b) => a - b);
const result: LoadResult = {
  clients: clients.length,
  connectMs,
  sent,
  deliveries: latencies.length,
  p50: at(latencies, 0.5),
  p95: at(latencies, 0.95),
  p99: at(latencies, 0.99),
  max: latencies[latencies.length - 1] ?? NaN,
  allP99: at(perChange, 0.99),
  rate: sent / (job.durationMs / 1000),
  samples: latencies.map((v) => Math.round(v * 1000) / 1000),
  perChangeSamples: perChange.map((v) => Math.round(v * 1000) / 1000),
  slowTimeline: {
    startedAfterCreateMs: Math.round(measuringSince - connectStart),
    since: performance.timeOrigin + measuringSince,
    stalls: stalls.list().filter((s) => s.at < performance.timeOrigin + measuringSince + job.durationMs),
    counts: Array.from({ length: Math.ceil(job.durationMs / 500) }, (_, i) => slowCounts[i] ?? 0),
    presenceSent: Array.from({ length: Math.ceil(job.durationMs / 500) }, (_, i) => presenceSent[i] ?? 0),
    gcMs: Array.from({ length: Math.ceil(job.durationMs / 500) }, (_, i) => Math.round(gcMsByBucket[i] ?? 0)),
  },
  load: {
    cpuPercent: ((cpu.user + cpu.system) / 1000 / job.durationMs) * 100,
    loopP99: loop.percentile(99) / 1e6,
    loopMax: loop.max / 1e6,
    gcCount: gc.length,
    gcTotalMs: gc.reduce((a, b) => a + b, 0),
    gcMaxMs: Math.max(0, ...gc),
  },
};
// Exit only once the (large) line is written: a pipe is written asynchronously and exit cuts it.
process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
