// Preloaded into every server process the bench starts (`node --import tsx --import ./bench/probe.ts …`):
// event-loop delay and GC pauses, reported over the IPC channel, so a latency tail can be blamed
// on the server's own event loop (or not). For Roster it also times the update-log append (the
// PostgreSQL INSERT each client update awaits before it is applied and broadcast), by wrapping
// DocumentStore.append. Nothing here changes what the server does.
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { sampleAllocations } from './heapSampling.ts';
import { GC_KINDS, watchStalls, type StallRecord } from './stalls.ts';

export interface ProbeReport {
  /** Event-loop delay of this process, ms (what any message waiting in it waits at most). */
  loopP50: number;
  loopP99: number;
  loopMax: number;
  gcCount: number;
  gcTotalMs: number;
  gcMaxMs: number;
  /** GC pauses by kind (minor = scavenge, major = mark-compact, incremental, weakcb): count/total/max ms. */
  gcByKind: Record<string, { count: number; totalMs: number; maxMs: number }>;
  /** Roster only: awaited update-log appends (one INSERT per batch). */
  appends?: { batches: number; updates: number; bytes: number; p50: number; p99: number; max: number };
  /** Roster only: snapshot compactions (background, debounced). */
  compactions?: { count: number; bytes: number; totalMs: number; maxMs: number };
  /** Roster only: document loads (PostgreSQL read + apply), ms each, in order. */
  loadsMs?: number[];
  /** Late timer wake-ups and GC pauses over 4 ms, with their wall-clock time. */
  stalls: StallRecord[];
}

const loop = monitorEventLoopDelay({ resolution: 2 });
loop.enable();
const stalls = watchStalls();
let gc: number[] = [];
let gcByKind: ProbeReport['gcByKind'] = {};
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gc.push(entry.duration);
    const detail = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail;
    const kind = GC_KINDS[detail?.kind ?? 0] ?? 'other';
    const byKind = (gcByKind[kind] ??= { count: 0, totalMs: 0, maxMs: 0 });
    byKind.count++;
    byKind.totalMs += entry.duration;
    byKind.maxMs = Math.max(byKind.maxMs, entry.duration);
  }
}).observe({ entryTypes: ['gc'] });

let appendTimes: number[] = [];
let appendedUpdates = 0;
let appendedBytes = 0;
let compactions: { bytes: number; ms: number }[] = [];
let loadsMs: number[] = [];

if (process.env.BENCH_PROBE_ROSTER === '1') {
  const { DocumentStore } = await import('../server/src/collab/documentStore.ts');
  const append = DocumentStore.prototype.append;
  DocumentStore.prototype.append = async function (this: InstanceType<typeof DocumentStore>, entries) {
    const start = performance.now();
    try {
      return await append.call(this, entries);
    } finally {
      appendTimes.push(performance.now() - start);
      appendedUpdates += entries.length;
      appendedBytes += entries.reduce((sum, e) => sum + e.update.byteLength, 0);
    }
  };
  const compact = DocumentStore.prototype.compact;
  DocumentStore.prototype.compact = async function (this: InstanceType<typeof DocumentStore>, ...args) {
    const start = performance.now();
    const result = await compact.apply(this, args);
    compactions.push({ bytes: result.bytes, ms: performance.now() - start });
    return result;
  };
  const { PersistenceExtension } = await import('../server/src/collab/PersistenceExtension.ts');
  const onLoad = PersistenceExtension.prototype.onLoadDocument;
  PersistenceExtension.prototype.onLoadDocument = async function (
    this: InstanceType<typeof PersistenceExtension>,
    payload,
  ) {
    const start = performance.now();
    await onLoad.call(this, payload);
    loadsMs.push(performance.now() - start);
  };
}

// BENCH_HEAP_PROFILE=<file>: the allocations of the measurement window (BENCH_HEAP_PROFILE_PROMOTED=1:
// only what outlived a scavenge); see bench/heapSampling.ts.
const heapSampling = process.env.BENCH_HEAP_PROFILE
  ? sampleAllocations(process.env.BENCH_HEAP_PROFILE, process.env.BENCH_HEAP_PROFILE_PROMOTED === '1')
  : null;

const maxOf = (values: number[]) => values.reduce((a, b) => Math.max(a, b), 0);
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};

process.on('message', (message) => {
  if (message === 'probe:reset') {
    loop.reset();
    stalls.reset();
    gc = [];
    gcByKind = {};
    appendTimes = [];
    appendedUpdates = 0;
    appendedBytes = 0;
    compactions = [];
    loadsMs = [];
    void heapSampling?.start();
  } else if (message === 'probe:report') {
    void heapSampling?.stop();
    const report: ProbeReport = {
      loopP50: loop.percentile(50) / 1e6,
      loopP99: loop.percentile(99) / 1e6,
      loopMax: loop.max / 1e6,
      gcCount: gc.length,
      gcTotalMs: gc.reduce((a, b) => a + b, 0),
      gcMaxMs: maxOf(gc),
      gcByKind,
      stalls: stalls.list(),
    };
    if (process.env.BENCH_PROBE_ROSTER === '1') {
      report.appends = {
        batches: appendTimes.length,
        updates: appendedUpdates,
        bytes: appendedBytes,
        p50: quantile(appendTimes, 0.5),
        p99: quantile(appendTimes, 0.99),
        max: maxOf(appendTimes),
      };
      report.compactions = {
        count: compactions.length,
        bytes: compactions.reduce((sum, c) => sum + c.bytes, 0),
        totalMs: compactions.reduce((sum, c) => sum + c.ms, 0),
        maxMs: maxOf(compactions.map((c) => c.ms)),
      };
      report.loadsMs = loadsMs;
    }
    process.send?.({ probe: report });
  }
});
// The IPC channel must not keep a server alive that was asked to stop.
process.channel?.unref();
